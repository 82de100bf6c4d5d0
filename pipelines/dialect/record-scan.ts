/**
 * One pass over a CSV file's bytes, for what Polars cannot tell: the physical line each record starts on
 * (a quoted field may hold line breaks), records whose field count differs from the header's, and blank
 * lines (nothing but spaces and separators, as spreadsheets export empty rows). Bytes are read in chunks
 * and walked once; nothing is kept per good record unless the file has anomalies, and then only its line
 * number. The file must be UTF-8 (the walk also checks that it is, and says where it is not).
 */
import { isUtf8 } from 'node:buffer'
import { closeSync, openSync, readSync } from 'node:fs'

const CHUNK_BYTES = 4 * 1024 * 1024
const QUOTE = 0x22
const LF = 0x0a
const CR = 0x0d
const SPACE = 0x20
const TAB = 0x09

/** A growable list of numbers in a typed array (records can number tens of millions). */
class NumberList {
  private items: Float64Array
  length = 0

  constructor(initial = 1024) {
    this.items = new Float64Array(initial)
  }

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new Float64Array(this.items.length * 2)
      grown.set(this.items)
      this.items = grown
    }
    this.items[this.length++] = value
  }

  toArray(): Float64Array {
    return this.items.subarray(0, this.length)
  }
}

/** Byte ranges [start, end) of records, with the line each starts on. */
export interface RecordRanges {
  lines: Float64Array
  starts: Float64Array
  ends: Float64Array
}

export interface ScanResult {
  /** Fields in the header (the first record). */
  headerFields: number
  /** Data records with the header's field count. */
  kept: number
  /** Records with another field count. */
  malformed: RecordRanges
  blank: RecordRanges
  /**
   * The line each kept record starts on, when that is not simply its index + 2 (a record spanned lines,
   * or a record before it was set aside); absent otherwise.
   */
  keptLines?: Float64Array
  /** The first line that is not valid UTF-8, if any (the walk stops there). */
  invalidUtf8Line?: number
}

function ranges(): { lines: NumberList; starts: NumberList; ends: NumberList } {
  return { lines: new NumberList(64), starts: new NumberList(64), ends: new NumberList(64) }
}

function frozen(list: ReturnType<typeof ranges>): RecordRanges {
  return { lines: list.lines.toArray(), starts: list.starts.toArray(), ends: list.ends.toArray() }
}

/** The length of `bytes` without a UTF-8 sequence cut at its end (it is checked with the next chunk). */
function wholeSequences(bytes: Buffer, length: number): number {
  for (let back = 1; back <= 3 && back <= length; back++) {
    const byte = bytes[length - back] as number
    if ((byte & 0xc0) === 0x80) continue
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
    return needs > back ? length - back : length
  }
  return length
}

/** The line of the first byte that is not UTF-8 in `bytes`, counting from `line`. */
function lineOfInvalidUtf8(bytes: Buffer, line: number): number {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let at = 0
  let current = line
  for (;;) {
    const next = bytes.indexOf(LF, at)
    const end = next === -1 ? bytes.length : next + 1
    try {
      decoder.decode(bytes.subarray(at, end))
    } catch {
      return current
    }
    if (next === -1) return current
    current++
    at = end
  }
}

/** What the walk has counted and set aside so far. */
class Tally {
  headerFields = -1
  kept = 0
  keptLines: NumberList | undefined
  readonly malformed = ranges()
  readonly blank = ranges()

  /**
   * A record the inline count in `walkChunk` does not take: the header, a blank or malformed one, or a
   * kept one once some record's line was not its index + 2.
   */
  endRecord(fields: number, content: boolean, line: number, start: number, end: number): void {
    if (this.headerFields < 0) {
      this.headerFields = fields
    } else if (!content) {
      this.blank.lines.push(line)
      this.blank.starts.push(start)
      this.blank.ends.push(end)
    } else if (fields !== this.headerFields) {
      this.malformed.lines.push(line)
      this.malformed.starts.push(start)
      this.malformed.ends.push(end)
    } else {
      const setAside = this.malformed.lines.length + this.blank.lines.length
      if (!this.keptLines && (line !== this.kept + 2 || setAside > 0)) {
        // The first record whose line is not its index + 2: the ones before it were.
        this.keptLines = new NumberList(Math.max(1024, this.kept * 2))
        for (let i = 0; i < this.kept; i++) this.keptLines.push(i + 2)
      }
      this.keptLines?.push(line)
      this.kept++
    }
  }
}

/** Outside quotes, inside a quoted part, or just after a quote inside one (the next byte tells if it was `""`). */
const OUTSIDE = 0
const INSIDE = 1
const AFTER_QUOTE = 2
type Quoting = typeof OUTSIDE | typeof INSIDE | typeof AFTER_QUOTE

/** Where the walk is between chunks: the record being walked, and the quoting state. */
class Walk {
  line = 1
  recordLine = 1
  recordStart = 0
  fields = 1
  content = false
  quoting: Quoting = OUTSIDE
}

/**
 * Walks one chunk (`position`: the file offset of its first byte). Written for the common byte: anything
 * above `"` that is not the separator only marks the record as having content, in two comparisons. While
 * nothing is unusual, records are counted inline; the rest goes to `Tally`. The state is copied into
 * locals for the loop, which V8 keeps in registers (an object's fields, or variables a closure captures,
 * are read from memory). 1M purchases, 47 MB, a file's one scan: 100–170 ms, against 250–275 ms for the
 * walk by byte classes through a closure this replaced.
 */
function walkChunk(chunk: Buffer, position: number, separator: number, walk: Walk, tally: Tally): void {
  let line = walk.line
  let recordLine = walk.recordLine
  let recordStart = walk.recordStart
  let fields = walk.fields
  let content = walk.content
  let quoting = walk.quoting
  let kept = tally.kept
  let header = tally.headerFields
  let inline = tally.keptLines === undefined
  const length = chunk.length
  for (let i = 0; i < length; i++) {
    const byte = chunk[i] as number
    if (quoting !== OUTSIDE) {
      if (quoting === INSIDE) {
        if (byte === QUOTE) quoting = AFTER_QUOTE
        else if (byte === LF) line++
        continue
      }
      // After a quote inside a quoted part: `""` is a quote; any other byte ends the part, and is walked.
      quoting = byte === QUOTE ? INSIDE : OUTSIDE
      if (quoting === INSIDE) continue
    }
    if (byte > QUOTE && byte !== separator) {
      content = true
    } else if (byte === separator) {
      fields++
    } else if (byte === LF) {
      if (inline && fields === header && content && recordLine === kept + 2) {
        kept++
      } else {
        tally.kept = kept
        tally.endRecord(fields, content, recordLine, recordStart, position + i)
        kept = tally.kept
        header = tally.headerFields
        inline = tally.keptLines === undefined
      }
      fields = 1
      content = false
      line++
      recordLine = line
      recordStart = position + i + 1
    } else if (byte === QUOTE) {
      quoting = INSIDE
      content = true
    } else if (byte !== CR && byte !== SPACE && byte !== TAB) {
      content = true
    }
  }
  tally.kept = kept
  walk.line = line
  walk.recordLine = recordLine
  walk.recordStart = recordStart
  walk.fields = fields
  walk.content = content
  walk.quoting = quoting
}

/** Walks the file once, in chunks (`chunkBytes` is for tests of chunk boundaries). */
export function scanRecords(path: string, delimiter: string, chunkBytes = CHUNK_BYTES): ScanResult {
  const separator = delimiter.charCodeAt(0)
  const tally = new Tally()
  const walk = new Walk()
  let invalidUtf8Line: number | undefined
  let position = 0
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes)
    let carried = 0
    for (;;) {
      const read = readSync(fd, buffer, carried, chunkBytes - carried, position + carried)
      const available = carried + read
      if (available === 0) break
      // A multi-byte character cut by the chunk's end is checked, and walked, with the next chunk.
      const length = read === 0 ? available : wholeSequences(buffer, available)
      const chunk = buffer.subarray(0, length)
      if (!isUtf8(chunk)) {
        invalidUtf8Line = lineOfInvalidUtf8(chunk, walk.line)
        break
      }
      walkChunk(chunk, position, separator, walk, tally)
      position += length
      if (read === 0) break
      // The bytes of a cut character move to the front; the next read lands after them.
      buffer.copy(buffer, 0, length, available)
      carried = available - length
    }
  } finally {
    closeSync(fd)
  }
  if (invalidUtf8Line === undefined && position > walk.recordStart) {
    tally.endRecord(walk.fields, walk.content, walk.recordLine, walk.recordStart, position)
  }
  return {
    headerFields: Math.max(tally.headerFields, 0),
    kept: tally.kept,
    malformed: frozen(tally.malformed),
    blank: frozen(tally.blank),
    ...(tally.keptLines ? { keptLines: tally.keptLines.toArray() } : {}),
    ...(invalidUtf8Line === undefined ? {} : { invalidUtf8Line }),
  }
}
