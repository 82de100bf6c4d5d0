/**
 * One process at a time writes a data folder: the app and the CLI take the same lock file,
 * `<data>/.medallion.lock` (file-lock.ts: taken over atomically when its process is gone or its PID now
 * belongs to another process).
 */
import { join } from 'node:path'
import { acquireFileLock, type FileLock } from './file-lock.ts'

/** The lock's file name inside the data folder. */
export const LOCK_FILE = '.medallion.lock'

export type DataLock = FileLock

/** Takes the data folder's lock, or throws `data_locked` naming the lock file, its holder and the way out. */
export function acquireDataLock(dataDir: string, purpose: string): DataLock {
  return acquireFileLock(join(dataDir, LOCK_FILE), purpose, {
    code: 'data_locked',
    subject: `the data folder ${dataDir}`,
  })
}
