/**
 * The data folder holds customers' names and e-mails, the lake and the model records: on POSIX it is the
 * user's alone (folders 0700, files 0600). Its writers are many — Node's fs, Polars' native Parquet and CSV
 * writers in worker threads, the Spark twin's Python and JVM, the log — so instead of a mode on each write,
 * every entry point (the CLI bundle, which web mode also runs, and the Electron main process) sets the
 * process's umask to 077 once: worker threads share it, child processes inherit it, native code honours
 * it. (Hadoop chmods what it writes to its own umask setting, so the Spark session sets that one too:
 * pipelines/spark/session.py.) Whatever else the app writes for itself — its config and log files, the
 * diagnostics zip, `logs --export` — is private too. The one exception is a document the user saves
 * through the window's Save dialog (a chart, a table): it gets the mode the user's own umask gives.
 * On Windows the folder inherits its parent's ACL, the per-user profile: nothing is done there.
 */
import { chmodSync, statSync } from 'node:fs'
import { chmod, stat, writeFile } from 'node:fs/promises'
import { errorMessage } from './errors.ts'

/** New folders 0700, new files 0600. */
export const PRIVATE_UMASK = 0o077

/** Shared by every copy of this module in one process (main's bundle and the CLI bundle it imports). */
const USER_UMASK = Symbol.for('medallion.userUmask')
type Recorded = { [USER_UMASK]?: number }

const POSIX = process.platform !== 'win32'

/** Makes everything this process and its children create private; remembers the user's own umask. */
export function restrictNewFiles(): void {
  if (!POSIX) return
  const previous = process.umask(PRIVATE_UMASK)
  // A second call (the window's main, then the CLI it runs) must not record 077 as the user's.
  ;(globalThis as Recorded)[USER_UMASK] ??= previous
}

/**
 * Tightens an existing data folder to 0700 when the app opens it (one written by an older version, or
 * created by hand): each entry calls this before it reads the folder. Only the folder itself: without
 * search permission on it no other user can reach anything below, whatever the modes there, so a
 * recursive chmod of a large lake on every start would add nothing but I/O. A folder not created yet is
 * left to the umask. A folder this user cannot chmod (another owner's) is used as it is: the warning
 * returned says so, and the owner decides.
 */
export function protectDataFolder(dir: string): string | undefined {
  if (!POSIX) return undefined
  let mode: number
  try {
    const stats = statSync(dir)
    if (!stats.isDirectory()) return undefined
    mode = stats.mode & 0o777
  } catch {
    return undefined
  }
  if ((mode & 0o077) === 0) return undefined
  try {
    chmodSync(dir, 0o700)
    return undefined
  } catch (err) {
    return `the data folder ${dir} stays open to other users (mode ${mode.toString(8)}): it could not be made private (${errorMessage(err)}); its owner can run chmod 700 on it`
  }
}

/**
 * Writes a document the user chose to save somewhere: a new file gets the mode the user's umask gives
 * (as any other program's Save would), not the app's private 0600; an existing file keeps its mode.
 */
export async function writeUserDocument(path: string, bytes: Uint8Array): Promise<void> {
  const created = await stat(path).then(
    () => false,
    () => true,
  )
  await writeFile(path, bytes)
  if (created) await giveUserDocumentMode(path)
}

/** A new document written by another writer (Polars' CSV sink) gets the mode the user's umask gives. */
export async function giveUserDocumentMode(path: string): Promise<void> {
  const userUmask = (globalThis as Recorded)[USER_UMASK]
  if (POSIX && userUmask !== undefined) await chmod(path, 0o666 & ~userUmask)
}
