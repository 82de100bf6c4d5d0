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

/** Each byte's part in the walk, looked up rather than compared (the loop runs once per byte). */
const OTHER = 0
const NEWLINE = 1
const SEPARATOR = 2
const QUOTE_MARK = 3
const SPACING = 4

function byteClasses(separator: number): Uint8Array {
  const classes = new Uint8Array(256)
  classes[CR] = SPACING
  classes[SPACE] = SPACING
  classes[TAB] = SPACING
  classes[LF] = NEWLINE
  classes[QUOTE] = QUOTE_MARK
  classes[separator] = SEPARATOR
  return classes
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

export function scanRecords(path: string, delimiter: string): ScanResult {
  const separator = delimiter.charCodeAt(0)
  const malformed = ranges()
  const blank = ranges()
  let keptLines: NumberList | undefined
  let kept = 0
  let headerFields = -1
  let invalidUtf8Line: number | undefined

  // The record being walked.
  let line = 1
  let recordLine = 1
  let recordStart = 0
  let fields = 1
  let content = false
  let inQuotes = false
  let quoteInQuotes = false

  const endRecord = (end: number) => {
    if (headerFields < 0) {
      headerFields = fields
    } else if (!content) {
      blank.lines.push(recordLine)
      blank.starts.push(recordStart)
      blank.ends.push(end)
    } else if (fields !== headerFields) {
      malformed.lines.push(recordLine)
      malformed.starts.push(recordStart)
      malformed.ends.push(end)
    } else {
      if (!keptLines && (recordLine !== kept + 2 || malformed.lines.length + blank.lines.length > 0)) {
        // The first record whose line is not its index + 2: the ones before it were.
        keptLines = new NumberList(Math.max(1024, kept * 2))
        for (let i = 0; i < kept; i++) keptLines.push(i + 2)
      }
      keptLines?.push(recordLine)
      kept++
    }
    fields = 1
    content = false
  }

  const classes = byteClasses(separator)
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES)
    let position = 0
    let carried = 0
    for (;;) {
      const read = readSync(fd, buffer, carried, CHUNK_BYTES - carried, position + carried)
      const available = carried + read
      if (available === 0) break
      // A multi-byte character cut by the chunk's end is checked, and walked, with the next chunk.
      const length = read === 0 ? available : wholeSequences(buffer, available)
      const chunk = buffer.subarray(0, length)
      if (!isUtf8(chunk)) {
        invalidUtf8Line = lineOfInvalidUtf8(chunk, line)
        return done()
      }
      for (let i = 0; i < length; i++) {
        const kind = classes[buffer[i] as number] as number
        if (quoteInQuotes) {
          quoteInQuotes = false
          // `""` inside a quoted field is a quote; any other byte after a quote ends the quoted part.
          if (kind === QUOTE_MARK) continue
          inQuotes = false
        }
        if (inQuotes) {
          if (kind === QUOTE_MARK) quoteInQuotes = true
          else if (kind === NEWLINE) line++
          continue
        }
        if (kind === OTHER) {
          content = true
        } else if (kind === NEWLINE) {
          endRecord(position + i)
          line++
          recordLine = line
          recordStart = position + i + 1
        } else if (kind === SEPARATOR) {
          fields++
        } else if (kind === QUOTE_MARK) {
          inQuotes = true
          content = true
        }
      }
      position += length
      if (read === 0) break
      // The bytes of a cut character move to the front; the next read lands after them.
      buffer.copy(buffer, 0, length, available)
      carried = available - length
    }
    if (position > recordStart) endRecord(position)
    return done()
  } finally {
    closeSync(fd)
  }

  function done(): ScanResult {
    return {
      headerFields: Math.max(headerFields, 0),
      kept,
      malformed: frozen(malformed),
      blank: frozen(blank),
      ...(keptLines ? { keptLines: keptLines.toArray() } : {}),
      ...(invalidUtf8Line === undefined ? {} : { invalidUtf8Line }),
    }
  }
}
