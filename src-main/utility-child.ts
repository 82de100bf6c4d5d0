/**
 * Node child processes in the app (the pipeline benchmark's child) start as Electron utility processes:
 * the packaged binary cannot be run as plain Node, since its RunAsNode fuse is off. Utility processes
 * exist only once the app is ready, so the child starts then; its output streams are handed out at once.
 */
import { PassThrough } from 'node:stream'
import { app, utilityProcess } from 'electron'
import type { LaunchNodeChild, NodeChild } from './core/child-process.ts'

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
