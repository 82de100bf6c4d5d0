/**
 * The logs/ entries: the tail of each log file, redacted, under a name unique in the archive. Lines are
 * redacted whole before an overlong one is shortened, so a cut never leaves part of a secret behind.
 */
import { basename } from 'node:path'
import { errorMessage } from '../errors.ts'
import { redactText } from '../redact.ts'
import { DEFAULT_TAIL_LINES, type LogTail, tailLines } from './log-tail.ts'

export interface LogRead {
  path: string
  /** `logs/<name>` in the archive. */
  entry: string
  tail?: LogTail
  /** Why the file could not be read (missing, unreadable). */
  error?: string
}

const MAX_LINE_CHARS = 16 * 1024

function entryName(path: string, taken: Set<string>): string {
  const base = basename(path).replace(/[^\w.-]+/g, '_') || 'log'
  const dot = base.lastIndexOf('.')
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, '']
  let name = `logs/${base}`
  for (let n = 2; taken.has(name); n++) name = `logs/${stem}-${n}${ext}`
  taken.add(name)
  return name
}

function readError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'not found'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'a folder, not a file'
  return errorMessage(err)
}

export async function readLogs(paths: readonly string[], maxLines = DEFAULT_TAIL_LINES): Promise<LogRead[]> {
  const taken = new Set<string>()
  return Promise.all(
    paths.map(async (path) => {
      const entry = entryName(path, taken)
      try {
        return { path, entry, tail: await tailLines(path, { maxLines }) }
      } catch (err) {
        return { path, entry, error: readError(err) }
      }
    }),
  )
}

function shorten(line: string): string {
  if (line.length <= MAX_LINE_CHARS) return line
  return `${line.slice(0, MAX_LINE_CHARS)} … (${line.length - MAX_LINE_CHARS} more characters)`
}

/** The entry's text: the redacted lines, or a line saying why there are none. */
export function logEntryText(log: LogRead, secrets: Iterable<string>): string {
  if (!log.tail) return `(${log.error ?? 'not read'})\n`
  const redacted = redactText(log.tail.lines.join('\n'), secrets)
  return redacted ? `${redacted.split('\n').map(shorten).join('\n')}\n` : ''
}
