/**
 * One process at a time writes a data folder: the app and the CLI take the same lock file. A lock left by
 * a process that no longer exists (killed, crashed) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { MedallionError } from './errors.ts'

interface LockOwner {
  pid: number
  host: string
  since: string
  purpose: string
}

/** The lock's file name inside the data folder. */
export const LOCK_FILE = '.medallion.lock'

export interface DataLock {
  release(): void
}

/** Whether a process of this machine still exists (EPERM: it does, owned by someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner
  } catch {
    return undefined
  }
}

export function acquireDataLock(dataDir: string, purpose: string): DataLock {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, LOCK_FILE)
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), purpose }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, JSON.stringify(me))
      closeSync(fd)
      return {
        release: () => {
          if (readOwner(path)?.pid === process.pid) rmSync(path, { force: true })
        },
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const owner = readOwner(path)
      const stale = !owner || (owner.host === hostname() && !isAlive(owner.pid))
      if (!stale) {
        throw new MedallionError(
          'data_locked',
          `${dataDir} is in use by process ${owner.pid} (${owner.purpose}, since ${owner.since}); ` +
            'wait for it to finish or stop it',
        )
      }
      rmSync(path, { force: true })
    }
  }
  throw new MedallionError('data_locked', `could not lock ${dataDir}`)
}
