/**
 * Runs an import's preview in a fresh worker thread (the pipeline's own worker, given `{ preview }`), so
 * Polars reading a large file never holds up the core's event loop, and its memory goes with the worker.
 */
import { Worker } from 'node:worker_threads'
import type { PreviewPlan } from '../../../pipelines/preview.ts'
import type { WorkerMessage } from '../../../pipelines/worker.ts'
import type { ImportPreview } from '../../../src-preload/contract-import.ts'
import { MedallionError } from '../errors.ts'

/** Aborting terminates the worker at once: a preview has nothing to clean up but its scratch folder. */
export function previewInWorker(
  entry: string | URL,
  plan: PreviewPlan,
  signal: AbortSignal,
): Promise<ImportPreview> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const worker = new Worker(entry, { workerData: { preview: plan } })
    let settled = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      signal.removeEventListener('abort', onAbort)
      fn()
      void worker.terminate()
    }
    const onAbort = () => settle(() => reject(signal.reason))
    signal.addEventListener('abort', onAbort)
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'preview') settle(() => resolve(message.result))
      else if (message.type === 'error')
        settle(() => reject(new MedallionError(message.code, message.message)))
    })
    worker.on('error', (err) =>
      settle(() => reject(new MedallionError('worker_crashed', `preview worker crashed: ${err.message}`))),
    )
    worker.on('exit', (code) =>
      settle(() =>
        reject(new MedallionError('worker_crashed', `preview worker exited (code ${code}) before finishing`)),
      ),
    )
  })
}
