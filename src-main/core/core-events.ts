/**
 * The contract's events, from every service in one place: the task registry's and the stack's. The
 * window (IPC) and the browser (server-sent events) subscribe here, so adding an event needs no change
 * to either binding.
 */
import { EventEmitter } from 'node:events'
import type { EventName, EventPayloads } from '../../src-preload/contract.ts'
import { failureNotice } from './automation/failure-notice.ts'
import type { TaskRegistry } from './tasks.ts'

export class CoreEvents {
  private readonly emitter = new EventEmitter()

  constructor() {
    // Every window and every browser tab is a listener of every event.
    this.emitter.setMaxListeners(0)
  }

  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    this.emitter.emit(name, payload)
  }

  /** Returns the unsubscribe. */
  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void {
    this.emitter.on(name, listener)
    return () => this.emitter.off(name, listener)
  }

  /** Forwards the registry's task events, and a failed run's or publish's notice; returns the stop. */
  forwardTasks(tasks: TaskRegistry): () => void {
    const changed = (info: EventPayloads['task.changed']) => {
      this.emit('task.changed', info)
      const failure = failureNotice(info)
      if (failure) this.emit('work.failed', failure)
    }
    const log = (entry: EventPayloads['task.log']) => this.emit('task.log', entry)
    tasks.on('changed', changed)
    tasks.on('log', log)
    return () => {
      tasks.off('changed', changed)
      tasks.off('log', log)
    }
  }
}
