/**
 * Writes a file whole or not at all: a temporary file in the same folder (so the rename stays on one
 * file system), then a rename over the target. A failure names the path and what the user can do.
 */
import { randomBytes } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { MedallionError } from '../errors.ts'

function advice(code: string | undefined, path: string): string {
  const folder = dirname(path)
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return `the folder ${folder} does not exist: choose an existing folder`
    case 'EACCES':
    case 'EPERM':
      return `permission denied in ${folder}: choose a folder you can write to`
    case 'EROFS':
      return `${folder} is on a read-only disk: choose another folder`
    case 'ENOSPC':
    case 'EDQUOT':
      return `the disk holding ${folder} is full: free some space or choose another disk`
    case 'EISDIR':
      return `${path} is a folder: choose a file name`
    default:
      return 'choose another folder and try again'
  }
}

export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  )
  try {
    await writeFile(temporary, data, { flag: 'wx' })
    await rename(temporary, path)
  } catch (err) {
    await rm(temporary, { force: true }).catch(() => undefined)
    const { code, message } = err as NodeJS.ErrnoException
    throw new MedallionError(
      'write_failed',
      `could not write ${path} (${code ?? message}): ${advice(code, path)}`,
    )
  }
}
