/**
 * A Node child process as the core follows it (the pipeline benchmark's child, measured alone in its
 * process), whoever starts it: Node's `spawn` from the CLI, Electron's utilityProcess in the window (the
 * packaged app's binary does not run as Node: its RunAsNode fuse is off).
 */
import { spawn } from 'node:child_process'
import type { Readable } from 'node:stream'

export interface NodeChild {
  readonly stdout: Readable
  readonly stderr: Readable
  /** Ends the child and everything it started (its worker threads die with it). */
  kill(): void
  /** Settles once the child has exited: its exit code, or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: string | null }>
}

/** Starts `script` (an ES module) with `args` in a new Node process. */
export type LaunchNodeChild = (script: string, args: string[]) => NodeChild

export const spawnNodeChild: LaunchNodeChild = (script, args) => {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => resolve({ code, signal }))
  })
  return { stdout: child.stdout, stderr: child.stderr, kill: () => child.kill('SIGKILL'), exited }
}
