/**
 * One process at a time runs a data folder's schedules and saved watches: the one holding the lease
 * `<data>/.medallion-automation.lock`, the data lock's primitive (file-lock.ts) under another name. It is
 * held for as long as the app or `medallion serve` runs, and taken over once that process is gone (or its
 * PID is another process's). It is not the data lock: a run the owner starts takes that one as usual.
 */
import { join } from 'node:path'
import type { ScheduleOwner } from '../../../src-preload/contract-schedules.ts'
import { acquireFileLock, type FileLock, LockHeldError, liveLockHolder } from '../file-lock.ts'

export const OWNER_LEASE_FILE = '.medallion-automation.lock'

/** What an owner is, as the lease records it (the Pipeline page tells from it when schedules stop). */
export const OWNER_PURPOSES = {
  serve: 'medallion serve',
  window: 'the Medallion window',
  background: 'Medallion in the background (tray)',
} as const
export type OwnerKind = keyof typeof OWNER_PURPOSES

function leasePath(dataDir: string): string {
  return join(dataDir, OWNER_LEASE_FILE)
}

/** Takes the lease, or undefined while another live process holds it. */
export function tryOwnerLease(dataDir: string, kind: OwnerKind): FileLock | undefined {
  try {
    return acquireFileLock(leasePath(dataDir), OWNER_PURPOSES[kind], {
      code: 'automation_owned',
      subject: `the schedules of ${dataDir}`,
    })
  } catch (err) {
    if (err instanceof LockHeldError) return undefined
    throw err
  }
}

/** Who runs the folder's schedules now, as the lease says. */
export function currentOwner(dataDir: string): ScheduleOwner {
  const holder = liveLockHolder(leasePath(dataDir))
  if (!holder) return { state: 'none' }
  return {
    state: holder.pid === process.pid ? 'this-process' : 'other-process',
    pid: holder.pid,
    purpose: holder.purpose,
    keepsRunning: holder.purpose !== OWNER_PURPOSES.window,
  }
}
