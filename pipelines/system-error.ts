/**
 * A file system error as a message for the user: the path, what went wrong, and what to do about it. The
 * one place these messages are written, for Node's errors (`code`) and for native libraries' (Polars says
 * "No space left on device (os error 28)"). Plain Node, in pipelines/ so that the worker and the generator
 * use it as the core does (src-main/core/system-error.ts wraps it in the core's error).
 */
import { lstatSync, readlinkSync } from 'node:fs'
import { constants } from 'node:os'
import { dirname } from 'node:path'

export type FileAction = 'read' | 'write'

/** What native libraries print for the errors we explain, where they give no errno. */
const PHRASES: [RegExp, string][] = [
  [/no space left on device|not enough space on the disk/i, 'ENOSPC'],
  [/disk quota exceeded/i, 'EDQUOT'],
  [/read-only file system/i, 'EROFS'],
  [/permission denied|access is denied/i, 'EACCES'],
  [/is a directory/i, 'EISDIR'],
  [/not a directory/i, 'ENOTDIR'],
  [/too many levels of symbolic links/i, 'ELOOP'],
  [/no such file or directory|cannot find the (file|path) specified/i, 'ENOENT'],
]

const ERRNO_NAMES = new Map(Object.entries(constants.errno).map(([name, n]) => [n, name]))

/** The errno name of a failure: Node's `code`, else read from the message of a native library. */
export function systemErrorCode(err: unknown): string | undefined {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown }
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code
  const text = typeof message === 'string' ? message : String(err)
  // Rust's io::Error, as Polars prints it: "(os error 28)", or "Os { code: 2, kind: NotFound, … }".
  const osError = /os error (\d+)|Os \{ code: (\d+)/.exec(text)
  // Windows' os error numbers are not errno numbers: there the phrases decide.
  const errno = Number(osError?.[1] ?? osError?.[2])
  const named = osError && process.platform !== 'win32' ? ERRNO_NAMES.get(errno) : undefined
  return named ?? PHRASES.find(([phrase]) => phrase.test(text))?.[1]
}

/** Where a symbolic link points, or undefined when `path` is not one. */
export function linkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined
  } catch {
    return undefined
  }
}

function advice(code: string | undefined, path: string, action: FileAction): string {
  const folder = dirname(path)
  switch (code) {
    case 'ENOENT': {
      if (action === 'write') return `the folder ${folder} does not exist: choose an existing folder`
      const target = linkTarget(path)
      return target
        ? `${path} is a symbolic link to ${target}, which does not exist: fix or remove the link`
        : `${path} does not exist`
    }
    case 'ENOTDIR':
      return `a part of the path ${path} is a file, not a folder: check the path`
    case 'EACCES':
    case 'EPERM':
      return action === 'read'
        ? `permission denied: make ${path} readable by you, or copy it to a folder of yours`
        : `permission denied in ${folder}: choose a folder you can write to`
    case 'EROFS':
      return `${folder} is on a read-only disk: choose another folder`
    case 'ENOSPC':
    case 'EDQUOT':
      return `the disk holding ${folder} is full: free some space or choose another disk`
    case 'EISDIR':
      return action === 'read'
        ? `${path} is a folder, not a file: rename or remove that folder and put the file in its place`
        : `${path} is a folder: rename or remove it, or choose another folder`
    case 'ELOOP':
      return `${path} is a symbolic link that leads back to itself: replace it with the file, or a link to the file`
    case 'ENAMETOOLONG':
      return `the path is too long: choose a folder with a shorter path`
    case 'EIO':
      return `the disk holding ${folder} reported an input/output error: check the disk, or choose another`
    default:
      return action === 'read'
        ? `check that ${path} is a file you can read`
        : 'choose another folder and try again'
  }
}

/** "could not <read|write> <path> (<errno>): <what to do>". */
export function systemErrorMessage(err: unknown, path: string, action: FileAction): string {
  const code = systemErrorCode(err)
  const what = code ?? (err instanceof Error ? err.message : String(err))
  return `could not ${action} ${path} (${what}): ${advice(code, path, action)}`
}
