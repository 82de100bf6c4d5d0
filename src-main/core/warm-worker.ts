/**
 * A pipeline worker thread started before its plan is known. `medallion run` starts one first thing, so
 * the thread loads Polars while the command loads the rest (80 ms of a 1M run, measured). The first small
 * run takes it; unreferenced until then, an unused one (a big run has a process of its own) never holds
 * the process open, and one that died before its plan came is replaced by a fresh thread.
 */
import { Worker } from 'node:worker_threads'
import { type StartPlanWorker, startWorkerThread } from './pipeline-worker.ts'

export function warmWorkerThread(entry: string | URL): StartPlanWorker {
  let warm: Worker | undefined = new Worker(entry)
  let alive = true
  warm.unref()
  // Until a run listens, a failure to start is only noted: that run then starts a thread of its own.
  warm.on('error', () => {})
  warm.once('exit', () => {
    alive = false
  })
  return (start, plan) => {
    const worker = warm
    warm = undefined
    if (!worker || !alive || String(start) !== String(entry)) {
      void worker?.terminate()
      return startWorkerThread(start, plan)
    }
    worker.ref()
    worker.postMessage(plan)
    return worker
  }
}
