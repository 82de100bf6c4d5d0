/** A file system error as a message for the user: the path, what went wrong, and what to do about it. */
import { dirname } from 'node:path'
import { MedallionError } from './errors.ts'

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

/** The error of writing `path`, as a MedallionError naming the path and the way out. */
export function writeFailure(err: unknown, path: string): MedallionError {
  const { code, message } = err as NodeJS.ErrnoException
  return new MedallionError(
    'write_failed',
    `could not write ${path} (${code ?? message}): ${advice(code, path)}`,
  )
}
