/**
 * The entry of a pipeline worker thread: one run per worker, so the memory Polars holds is returned when
 * the worker ends. Talks to its parent only through messages; never imports Electron.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { StepStats } from '../src-preload/contract.ts'
import { PipelineInputError } from './pipeline-error.ts'
import { type LayerPlan, type LayerResult, runLayers } from './run-layers.ts'

export type WorkerMessage =
  | { type: 'progress'; fraction: number; label: string }
  | { type: 'step'; stats: StepStats }
  | { type: 'done'; result: LayerResult }
  | { type: 'error'; code: string; message: string }

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message)
}

try {
  const result = runLayers(workerData as LayerPlan, {
    progress: (fraction, label) => post({ type: 'progress', fraction, label }),
    step: (stats) => post({ type: 'step', stats }),
  })
  post({ type: 'done', result })
} catch (err) {
  const code = err instanceof PipelineInputError ? err.code : 'pipeline_failed'
  post({ type: 'error', code, message: err instanceof Error ? err.message : String(err) })
}
