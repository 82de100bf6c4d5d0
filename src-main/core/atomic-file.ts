/**
 * Files written whole or not at all: the bytes go to a temporary file in the same folder (so the rename
 * stays on one file system), which is then renamed over the target. A reader, or a process killed
 * half-way, never sees half a file. A failed write removes its temporary file and rethrows. The folder
 * must exist: a path the user chose is not created behind their back.
 */
import { randomBytes } from 'node:crypto'
import { linkSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export interface AtomicWriteOptions {
  /** The file's permissions (e.g. 0o600 for a file only its owner may read). */
  mode?: number
}

/** The temporary file is always new (`wx`): a leftover of another writer is never written through. */
function newFileOptions(options: AtomicWriteOptions): { flag: 'wx'; mode?: number } {
  return options.mode === undefined ? { flag: 'wx' } : { flag: 'wx', mode: options.mode }
}

function temporaryFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
}

export function writeFileAtomicSync(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const temporary = temporaryFor(path)
  try {
    writeFileSync(temporary, data, newFileOptions(options))
    renameSync(temporary, path)
  } catch (err) {
    rmSync(temporary, { force: true })
    throw err
  }
}

export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temporary = temporaryFor(path)
  try {
    await writeFile(temporary, data, newFileOptions(options))
    await rename(temporary, path)
  } catch (err) {
    await rm(temporary, { force: true })
    throw err
  }
}

/**
 * Creates `path` whole, only if it does not exist yet: the bytes go to a temporary file, which is then
 * hard-linked to the name (a link, unlike a rename, fails when the name is taken). Returns false, writing
 * nothing, when another process created the file first.
 */
export function createFileAtomicSync(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): boolean {
  const temporary = temporaryFor(path)
  try {
    writeFileSync(temporary, data, newFileOptions(options))
    linkSync(temporary, path)
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  } finally {
    rmSync(temporary, { force: true })
  }
}
