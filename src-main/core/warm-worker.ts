/**
 * A pipeline worker thread started before its plan is known. `medallion run` starts one first thing, so
 * the thread loads Polars while the command loads the rest (80 ms of a 1M run, measured). The first small
 * run takes it; unreferenced until then, an unused one never holds the process open, and one that died
 * before its plan came is replaced by a fresh thread. A run that goes another way (a big one has a process
 * of its own; Spark needs no thread) releases it: the thread ends rather than hold Polars idle.
 */
import { Worker } from 'node:worker_threads'
import { type StartPlanWorker, startWorkerThread, type ThreadStarter } from './pipeline-worker.ts'

export function warmWorkerThread(entry: string | URL): ThreadStarter {
  let warm: Worker | undefined = new Worker(entry)
  let alive = true
  warm.unref()
  // Until a run listens, a failure to start is only noted: that run then starts a thread of its own.
  warm.on('error', () => {})
  warm.once('exit', () => {
    alive = false
  })
  const take = (): Worker | undefined => {
    const worker = warm
    warm = undefined
    return worker
  }
  const start: StartPlanWorker = (given, plan) => {
    const worker = take()
    if (!worker || !alive || String(given) !== String(entry)) {
      void worker?.terminate()
      return startWorkerThread(given, plan)
    }
    worker.ref()
    worker.postMessage(plan)
    return worker
  }
  return {
    start,
    release: () => {
      void take()?.terminate()
    },
  }
}
