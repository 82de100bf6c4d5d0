/**
 * Runs one training in a fresh worker thread, so the window's thread never computes. The training worker
 * speaks the pipeline worker's messages (pipelines/ml/worker.ts), so it is started and followed by the
 * pipeline's runner: cancel terminates it, a crash is reported. Its script is out/cli/ml-worker.mjs (the
 * core's `paths`).
 */
import type { TrainJob, TrainOutcome } from '../../../pipelines/ml/train-job.ts'
import type { LayerPlan, LayerResult } from '../../../pipelines/run-layers.ts'
import type { Core } from '../app-core.ts'
import { errorCode, MedallionError } from '../errors.ts'
import { runInWorker, startWorkerThread } from '../pipeline-worker.ts'

export async function runTrainingWorker(
  core: Core,
  job: TrainJob,
  signal: AbortSignal,
  progress: (fraction: number, label: string) => void,
): Promise<TrainOutcome> {
  // The runner is typed for pipeline runs; the job and its outcome cross it as posted data, untouched.
  const asPlan = job as unknown as LayerPlan
  try {
    const start = () => startWorkerThread(core.options.paths.mlWorker, asPlan)
    const outcome: LayerResult = await runInWorker(start, signal, { progress, step: () => {} })
    return outcome as unknown as TrainOutcome
  } catch (err) {
    if (errorCode(err) !== 'worker_crashed') throw err
    throw new MedallionError(
      'worker_crashed',
      `the training worker stopped before finishing (${(err as Error).message.replace(/^pipeline worker /, '')}): free some memory, then train again`,
    )
  }
}
