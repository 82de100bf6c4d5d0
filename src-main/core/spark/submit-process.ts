/**
 * Runs spark-submit on this machine and follows it. In client mode the spark-submit process is the
 * driver's JVM (the launcher execs into it): terminating it stops the SparkContext, which ends the
 * application on its master too. Cancel waits for the process to be gone, so nothing writes into the
 * run's folders once the run is reported cancelled.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { LayerResult } from '../../../pipelines/run-layers.ts'
import { MedallionError } from '../errors.ts'
import { CancelledError } from '../tasks.ts'
import type { JobSession } from './job-session.ts'

export interface SubmitSpec {
  command: string
  args: string[]
  env: NodeJS.ProcessEnv
}

/** How long a job gets to stop its SparkContext after SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000

export function runSubmitProcess(
  spec: SubmitSpec,
  session: JobSession,
  signal: AbortSignal,
): Promise<LayerResult> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CancelledError())
    const child = spawn(spec.command, spec.args, { env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] })
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) =>
        session.line(line),
      )
    }
    let cancelled = false
    let killTimer: NodeJS.Timeout | undefined
    const onAbort = () => {
      cancelled = true
      child.kill('SIGTERM')
      killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    child.on('error', (err) => {
      signal.removeEventListener('abort', onAbort)
      reject(new MedallionError('spark_failed', `could not start ${spec.command}: ${err.message}`))
    })
    child.on('close', (code, exitSignal) => {
      clearTimeout(killTimer)
      signal.removeEventListener('abort', onAbort)
      if (cancelled) return reject(new CancelledError())
      try {
        resolve(session.settle(code, exitSignal))
      } catch (err) {
        reject(err)
      }
    })
  })
}
