/**
 * Follows one Spark job through its output, wherever it runs: progress and steps go to the callbacks,
 * driver log lines to the task log, and the job's last word (`done` or `error`, else its exit code and
 * last log lines) settles the run.
 */
import type { LayerResult } from '../../../pipelines/run-layers.ts'
import type { StepStats } from '../../../src-preload/contract.ts'
import { MedallionError } from '../errors.ts'
import { type JobEvent, parseJobLine } from './job-protocol.ts'

export interface JobCallbacks {
  progress(fraction: number, label: string): void
  step(stats: StepStats): void
  log(line: string): void
}

/** Java stack frames say nothing to a user; the exception line above them does. */
const STACK_FRAME = /^\s+(at |\.\.\. \d+ more)/
const TAIL_LINES = 20

export class JobSession {
  app: Extract<JobEvent, { kind: 'app' }> | undefined
  private result: LayerResult | undefined
  private failure: MedallionError | undefined
  private readonly tail: string[] = []

  constructor(private readonly callbacks: JobCallbacks) {}

  /** One line of the job's stdout or stderr. */
  line(text: string): void {
    const event = parseJobLine(text)
    if (!event) {
      this.driverLog(text)
      return
    }
    switch (event.kind) {
      case 'app':
        this.app = event
        this.callbacks.log(
          `spark: application ${event.id} on ${event.master}${event.ui ? ` (UI ${event.ui})` : ''}`,
        )
        break
      case 'progress':
        this.callbacks.progress(event.fraction, event.label)
        break
      case 'step':
        this.callbacks.step(event.stats)
        break
      case 'done':
        this.result = event.result
        break
      case 'error':
        this.failure = new MedallionError(event.code, event.message)
        break
    }
  }

  /** The run's result once the job has exited with `exitCode`, or the reason it failed. */
  settle(exitCode: number | null, signal: NodeJS.Signals | null): LayerResult {
    if (this.failure) throw this.failure
    if (this.result && exitCode === 0) return this.result
    const how = signal ? `was killed (${signal})` : `exited with code ${exitCode}`
    const last = this.tail.length > 0 ? `; its last log lines:\n${this.tail.join('\n')}` : ''
    throw new MedallionError('spark_failed', `the Spark job ${how} before finishing${last}`)
  }

  private driverLog(text: string): void {
    const line = text.trimEnd()
    if (!line || STACK_FRAME.test(line)) return
    this.tail.push(line)
    if (this.tail.length > TAIL_LINES) this.tail.shift()
    this.callbacks.log(`spark: ${line}`)
  }
}
