/**
 * Runs one LayerPlan in a fresh worker — a thread, or a process of its own (plan-process.ts) — and settles
 * with its result. Aborting stops the worker and settles once it has exited (so nothing writes into the
 * run's folders after the caller removes them); a worker that dies without answering is reported as a
 * crash. Either way nothing is committed.
 */
import { Worker } from 'node:worker_threads'
import type { LayerPlan, LayerResult } from '../../pipelines/run-layers.ts'
import type { WorkerMessage } from '../../pipelines/worker.ts'
import type { StepStats } from '../../src-preload/contract.ts'
import { MedallionError, RunFailedError } from './errors.ts'
import { CancelledError } from './tasks.ts'

export interface WorkerCallbacks {
  progress(fraction: number, label: string): void
  step(stats: StepStats): void
}

/** A started worker as the run follows it, whichever kind it is. */
export interface PlanWorker {
  on(event: 'message', listener: (message: WorkerMessage) => void): unknown
  on(event: 'error', listener: (err: Error) => void): unknown
  on(event: 'exit', listener: (code: number | null) => void): unknown
  /** Ends it: 'exit' follows once it has stopped. */
  terminate(): unknown
}

/** Starts a worker on `plan`. */
export type StartPlanWorker = (entry: string | URL, plan: LayerPlan) => PlanWorker

export const startWorkerThread: StartPlanWorker = (entry, plan) => new Worker(entry, { workerData: plan })

/** Where a small run's thread comes from (a new one, or one started early: warm-worker.ts). */
export interface ThreadStarter {
  start: StartPlanWorker
  /** The run goes another way (a process of its own, Spark): a thread started for it early is ended. */
  release(): void
}

export function runInWorker(
  start: () => PlanWorker,
  signal: AbortSignal,
  callbacks: WorkerCallbacks,
): Promise<LayerResult> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason ?? new CancelledError())
    const worker = start()
    let settled = false
    let aborting = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      signal.removeEventListener('abort', onAbort)
      fn()
    }
    const onAbort = () => {
      aborting = true
      // Settled by the 'exit' event: a native call the worker is in (Polars writing a file) ends first.
      void worker.terminate()
    }
    signal.addEventListener('abort', onAbort)
    worker.on('message', (message: WorkerMessage) => {
      if (aborting) return
      switch (message.type) {
        case 'progress':
          callbacks.progress(message.fraction, message.label)
          break
        case 'step':
          callbacks.step(message.stats)
          break
        case 'done':
          settle(() => resolve(message.result))
          void worker.terminate()
          break
        case 'error':
          settle(() =>
            reject(
              message.partial
                ? new RunFailedError(message.code, message.message, message.partial)
                : new MedallionError(message.code, message.message),
            ),
          )
          void worker.terminate()
          break
      }
    })
    worker.on('error', (err) => {
      if (!aborting)
        settle(() => reject(new MedallionError('worker_crashed', `pipeline worker crashed: ${err.message}`)))
    })
    worker.on('exit', (code: number | null) =>
      settle(() =>
        reject(
          aborting
            ? (signal.reason ?? new CancelledError())
            : new MedallionError('worker_crashed', `pipeline worker exited (code ${code}) before finishing`),
        ),
      ),
    )
  })
}
