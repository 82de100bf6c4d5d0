/**
 * The pipeline worker's link to whoever started it: a worker thread (its data given at start, or as its
 * first message), a Node child (fork: the data arrives as the first IPC message) or an Electron utility
 * process (its parentPort, likewise). A big run gets a process of its own so that the memory Polars used
 * goes back to the system when it ends; a small one starts faster as a thread.
 */
import { parentPort, workerData } from 'node:worker_threads'

export interface WorkerParent<In, Out> {
  /** What this worker is asked to do. */
  data(): Promise<In>
  post(message: Out): void
}

/** Electron's utility process gives its child a MessagePort-like parentPort on `process`. */
interface UtilityParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

export function workerParent<In, Out>(): WorkerParent<In, Out> {
  if (parentPort) {
    const port = parentPort
    return {
      // Given at start, or, to a thread started before its work was known (warm-worker.ts), posted.
      data: () =>
        workerData !== undefined
          ? Promise.resolve(workerData as In)
          : new Promise((resolve) => port.once('message', (data) => resolve(data as In))),
      post: (message) => port.postMessage(message),
    }
  }
  const utility = (process as unknown as { parentPort?: UtilityParentPort }).parentPort
  if (utility) {
    return {
      data: () => new Promise((resolve) => utility.on('message', (event) => resolve(event.data as In))),
      post: (message) => utility.postMessage(message),
    }
  }
  if (process.send) {
    const send = process.send.bind(process)
    // Ctrl+C reaches the whole terminal's process group: the parent cancels the run (and kills this
    // process) itself, recording it. A parent gone without a word (killed) leaves no orphan behind.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {})
    process.once('disconnect', () => process.exit(1))
    return {
      data: () => new Promise((resolve) => process.once('message', (data) => resolve(data as In))),
      post: (message) => void send(message),
    }
  }
  throw new Error('the pipeline worker was started neither as a worker thread nor as a child process')
}
