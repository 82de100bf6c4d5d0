/**
 * The task registry: every long operation (a pipeline run, a publish, a pull) is a task with an id, a
 * title, a progress (0..1 and a step label), a state, bounded log lines and a cancel. The window, the
 * browser and the terminal all render the same task events. Every log line, step label and error passes
 * through the registry's redactor (the core's known secrets) before anyone sees it.
 */
import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type { TaskInfo } from '../../src-preload/contract.ts'
import { errorMessage } from './errors.ts'

const MAX_LOG_LINES = 500
/** A `changed` event carries only the latest lines: progress ticks must stay small. */
const EVENT_LOG_LINES = 20
const MAX_FINISHED_TASKS = 100

export class CancelledError extends Error {
  /** `by`: who cancelled — "the user", "SIGINT", "Medallion closing" (the message says "cancelled by …"). */
  constructor(by = 'the user') {
    super(`cancelled by ${by}`)
    this.name = 'CancelledError'
  }
}

/** How long cancelAll waits for cancelled tasks to wind down (records written, locks released). */
const CANCEL_ALL_WAIT_MS = 60_000

export class Task {
  readonly info: TaskInfo
  private readonly controller = new AbortController()

  constructor(
    kind: string,
    title: string,
    private readonly emit: (task: Task, event: 'changed' | 'log', line?: string) => void,
    private readonly redact: (text: string) => string = (text) => text,
  ) {
    this.info = {
      id: randomUUID(),
      kind,
      title,
      state: 'running',
      progress: 0,
      step: '',
      startedAt: new Date().toISOString(),
      logs: [],
    }
  }

  get id(): string {
    return this.info.id
  }

  /** Aborted when someone cancels the task; long work passes it down and checks it. */
  get signal(): AbortSignal {
    return this.controller.signal
  }

  progress(fraction: number, step?: string): void {
    this.info.progress = Math.min(1, Math.max(0, fraction))
    if (step !== undefined) this.info.step = this.redact(step)
    this.emit(this, 'changed')
  }

  log(text: string): void {
    const line = this.redact(text)
    this.info.logs.push(line)
    if (this.info.logs.length > MAX_LOG_LINES) this.info.logs.splice(0, this.info.logs.length - MAX_LOG_LINES)
    this.emit(this, 'log', line)
  }

  cancel(by?: string): boolean {
    if (this.info.state !== 'running') return false
    this.controller.abort(new CancelledError(by))
    return true
  }

  finish(state: Exclude<TaskInfo['state'], 'running'>, error?: string): void {
    this.info.state = state
    this.info.finishedAt = new Date().toISOString()
    if (state === 'succeeded') this.info.progress = 1
    if (error !== undefined) this.info.error = this.redact(error)
    this.emit(this, 'changed')
  }
}

export interface TaskEvents {
  changed: [TaskInfo]
  log: [{ id: string; line: string }]
}

export class TaskRegistry extends EventEmitter<TaskEvents> {
  private readonly tasks = new Map<string, Task>()
  /** Each running task's end (settled either way), for cancelAll to wait on. */
  private readonly ends = new Map<Task, Promise<void>>()
  /** Set by cancelAll: the process is stopping, so a task started after it is cancelled at once. */
  private stoppedBy?: string

  /** `redact`: applied to every log line, step label and error (and to a failed task's thrown message). */
  constructor(private readonly redact: (text: string) => string = (text) => text) {
    super()
  }

  /**
   * Starts `work` as a task. The returned promise settles with the work's result; the task's state
   * follows it (a rejection after cancel counts as cancelled, not failed).
   */
  run<T>(kind: string, title: string, work: (task: Task) => Promise<T>): { task: Task; done: Promise<T> } {
    const task = new Task(
      kind,
      title,
      (t, event, line) => {
        if (event === 'log') this.emit('log', { id: t.id, line: line ?? '' })
        else this.emit('changed', { ...t.info, logs: t.info.logs.slice(-EVENT_LOG_LINES) })
      },
      this.redact,
    )
    this.tasks.set(task.id, task)
    this.pruneFinished()
    this.emit('changed', { ...task.info })
    if (this.stoppedBy !== undefined) task.cancel(this.stoppedBy)
    const done = (async () => {
      try {
        task.signal.throwIfAborted()
        const result = await work(task)
        task.finish('succeeded')
        return result
      } catch (err) {
        if (task.signal.aborted) task.finish('cancelled', errorMessage(task.signal.reason))
        else task.finish('failed', errorMessage(err))
        // The caller (the CLI) prints the thrown error itself: it must be as clean as the task's.
        if (err instanceof Error) err.message = this.redact(err.message)
        throw err
      }
    })()
    // Settled either way: cancelAll waits on it; a caller watching only events sees no unhandled rejection.
    const end = done.then(
      () => {},
      () => {},
    )
    this.ends.set(task, end)
    void end.then(() => this.ends.delete(task))
    return { task, done }
  }

  get(id: string): Task | undefined {
    return this.tasks.get(id)
  }

  list(): TaskInfo[] {
    return [...this.tasks.values()].map((t) => ({ ...t.info, logs: [...t.info.logs] })).reverse()
  }

  cancel(id: string): boolean {
    return this.tasks.get(id)?.cancel() ?? false
  }

  /**
   * The one way everything stops (the CLI on SIGINT/SIGTERM, the window on quit): cancels every running
   * task and any started later, and settles once they have wound down — their run records written, their
   * staging removed, their locks released — or after `waitMs` for a task that does not stop.
   */
  async cancelAll(by: string, waitMs = CANCEL_ALL_WAIT_MS): Promise<void> {
    this.stoppedBy ??= by
    const running = [...this.ends.keys()]
    for (const task of running) task.cancel(by)
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs)
    })
    await Promise.race([Promise.all(running.map((t) => this.ends.get(t))), timeout])
    clearTimeout(timer)
  }

  private pruneFinished(): void {
    const finished = [...this.tasks.values()].filter((t) => t.info.state !== 'running')
    for (const t of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED_TASKS)))
      this.tasks.delete(t.id)
  }
}
