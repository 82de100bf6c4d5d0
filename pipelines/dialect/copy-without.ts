/**
 * A copy of a file without some of its records: the lines a CSV read must not see (wrong field count,
 * blank), each range [start, end) dropped with the line break after it. Streams in chunks.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs'

const CHUNK_BYTES = 4 * 1024 * 1024

export function copyWithout(
  source: string,
  ranges: readonly { start: number; end: number }[],
  target: string,
): void {
  const input = openSync(source, 'r')
  const output = openSync(target, 'w')
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  const copy = (from: number, to: number) => {
    for (let at = from; at < to; ) {
      const read = readSync(input, buffer, 0, Math.min(CHUNK_BYTES, to - at), at)
      if (read === 0) return
      writeSync(output, buffer, 0, read)
      at += read
    }
  }
  try {
    let at = 0
    for (const range of ranges) {
      copy(at, range.start)
      // Skip the record and the line feed that ends it.
      at = range.end + 1
    }
    copy(at, Number.POSITIVE_INFINITY)
  } finally {
    closeSync(input)
    closeSync(output)
  }
}
