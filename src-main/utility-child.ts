/**
 * Node child processes in the app (the pipeline benchmark's child, a big run's worker) start as Electron
 * utility processes: the packaged binary cannot be run as plain Node, since its RunAsNode fuse is off.
 * Utility processes exist only once the app is ready, so the benchmark's child starts then; its output
 * streams are handed out at once.
 */
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { app, utilityProcess } from 'electron'
import type { LaunchNodeChild, NodeChild } from './core/child-process.ts'
import type { PlanWorker, StartPlanWorker } from './core/pipeline-worker.ts'

export const launchUtilityChild: LaunchNodeChild = (script, args): NodeChild => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let kill = () => {}
  let killed = false
  const exited = app.whenReady().then(
    () =>
      new Promise<{ code: number | null; signal: string | null }>((resolve) => {
        if (killed) return resolve({ code: null, signal: 'SIGKILL' })
        const child = utilityProcess.fork(script, args, { stdio: 'pipe', serviceName: 'Medallion benchmark' })
        child.stdout?.pipe(stdout)
        child.stderr?.pipe(stderr)
        kill = () => child.kill()
        child.once('exit', (code) => resolve({ code, signal: killed ? 'SIGKILL' : null }))
      }),
  )
  return {
    stdout,
    stderr,
    kill: () => {
      killed = true
      kill()
    },
    exited,
  }
}

/**
 * A big run's worker in the window: an Electron utility process (the packaged binary cannot run as Node),
 * with the environment plan-process.ts asks for; the plan goes once the process has started.
 */
export function utilityPlanProcess(env: Readonly<Record<string, string>>): StartPlanWorker {
  return (entry, plan): PlanWorker => {
    const script = entry instanceof URL ? fileURLToPath(entry) : entry
    const child = utilityProcess.fork(script, [], {
      env: { ...process.env, ...env },
      stdio: 'inherit',
      serviceName: 'Medallion pipeline run',
    })
    child.once('spawn', () => child.postMessage(plan))
    return {
      on: (event: 'message' | 'error' | 'exit', listener: (value: never) => void) => {
        if (event === 'error') {
          child.on('error', (type, location) =>
            (listener as (err: Error) => void)(new Error(`${type} at ${location}`)),
          )
        } else child.on(event as 'message', listener as (value: unknown) => void)
      },
      terminate: () => child.kill(),
    } as PlanWorker
  }
}
