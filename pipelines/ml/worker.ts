/**
 * The entry of a training worker thread: one training per worker, so the UI's thread never computes and
 * the memory is returned when it ends. Speaks the pipeline worker's messages (progress, done, error),
 * so the core starts and follows it the same way.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { PipelineInputError } from '../pipeline-error.ts'
import type { WorkerMessage } from '../worker.ts'
import { runAdvisorJob } from './advisor-job.ts'
import { runPredictorJob } from './predictor-job.ts'
import type { TrainJob, TrainOutcome } from './train-job.ts'

/** The pipeline's messages, with a training's outcome in `done`. */
export type TrainMessage = Exclude<WorkerMessage, { type: 'done' }> | { type: 'done'; result: TrainOutcome }

function post(message: TrainMessage): void {
  parentPort?.postMessage(message)
}

const job = workerData as TrainJob
const progress = (fraction: number, label: string) => post({ type: 'progress', fraction, label })
try {
  const outcome = job.model === 'predictor' ? runPredictorJob(job, progress) : runAdvisorJob(job, progress)
  post({ type: 'done', result: outcome })
} catch (err) {
  const code = err instanceof PipelineInputError ? err.code : 'training_failed'
  post({ type: 'error', code, message: err instanceof Error ? err.message : String(err) })
}
