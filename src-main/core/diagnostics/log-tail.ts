/**
 * The last lines of a log file, read backwards in chunks: a log of several gigabytes costs no more than
 * its tail. A line cut by the byte limit is dropped, not shown in part (half a secret would escape the
 * redactor, which matches secrets whole).
 */
import { open } from 'node:fs/promises'

export interface LogTail {
  /** The last lines, oldest first, without their line ends. */
  lines: string[]
  /** Lines (or a part of the file) before these were left out. */
  truncated: boolean
  /** The file's size in bytes. */
  size: number
}

export interface LogTailOptions {
  maxLines?: number
  /** Never read more than this from the end, however long the lines. */
  maxBytes?: number
}

const CHUNK_BYTES = 64 * 1024
export const DEFAULT_TAIL_LINES = 2_000
export const DEFAULT_TAIL_BYTES = 8 * 1024 * 1024

function countNewlines(buffer: Buffer): number {
  let count = 0
  for (let at = buffer.indexOf(10); at >= 0; at = buffer.indexOf(10, at + 1)) count++
  return count
}

/** Throws the file system's error (ENOENT for a missing file): the caller says what it means. */
export async function tailLines(path: string, options: LogTailOptions = {}): Promise<LogTail> {
  const maxLines = options.maxLines ?? DEFAULT_TAIL_LINES
  const maxBytes = options.maxBytes ?? DEFAULT_TAIL_BYTES
  const file = await open(path, 'r')
  try {
    const { size } = await file.stat()
    const chunks: Buffer[] = []
    let start = size
    let newlines = 0
    // One newline more than the lines wanted: the line before the first one kept must be complete too.
    while (start > 0 && newlines <= maxLines && size - start < maxBytes) {
      const length = Math.min(CHUNK_BYTES, start, maxBytes - (size - start))
      start -= length
      const chunk = Buffer.alloc(length)
      const { bytesRead } = await file.read(chunk, 0, length, start)
      const read = chunk.subarray(0, bytesRead)
      chunks.unshift(read)
      newlines += countNewlines(read)
    }
    let text = Buffer.concat(chunks).toString('utf8')
    // Started mid-file: the first line is partial (and may begin mid-character), so it goes.
    if (start > 0) {
      const firstEnd = text.indexOf('\n')
      text = firstEnd < 0 ? '' : text.slice(firstEnd + 1)
    }
    const lines = text.split(/\r?\n/)
    if (lines.at(-1) === '') lines.pop()
    const kept = lines.slice(-maxLines)
    return { lines: kept, truncated: start > 0 || kept.length < lines.length, size }
  } finally {
    await file.close()
  }
}
