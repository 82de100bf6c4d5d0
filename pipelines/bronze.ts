/**
 * Bronze: a source file lands as Parquet, every column kept as text exactly as it came, with lineage
 * columns (source file, the physical line the row starts on, ingestion time, batch id). The original copied
 * raw CSV bytes and kept no lineage.
 *
 * A CSV file is read in its dialect (pipelines/dialect/): its encoding (decoded to UTF-8 when it is not),
 * its separator, its header names matched to the required columns, and how its numbers and dates are
 * written. Nothing is dropped silently: a line with more or fewer fields than the header is set aside as a
 * `wrong_field_count` reject with its raw text, and blank lines are counted apart.
 */
import { closeSync, openSync, readSync, rmSync, statSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import pl from 'nodejs-polars'
import type { SinkParquetOptions } from 'nodejs-polars/bin/types.js'
import type { FileDialect } from '../src-preload/contract.ts'
import type { DecimalMark, Delimiter, SourceEncoding } from '../src-preload/values.ts'
import { copyWithout } from './dialect/copy-without.ts'
import { detectDelimiter, splitLine } from './dialect/delimiter.ts'
import {
  byteOrderMark,
  decodeToUtf8,
  type EncodingMark,
  givenEncoding,
  guessSingleByte,
} from './dialect/encoding.ts'
import { headerNames, requiredFound } from './dialect/header.ts'
import { type RecordRanges, type ScanResult, scanRecords } from './dialect/record-scan.ts'
import { detectDateFormat, detectDecimal } from './dialect/value-formats.ts'
import { PipelineInputError } from './pipeline-error.ts'
import { ISO_DATE } from './silver/parse.ts'
import { rowCount, type TableFrame } from './table-frame.ts'

/** What the user said of a file's dialect; the rest is detected. */
export interface DialectChoice {
  delimiter?: Delimiter
  encoding?: SourceEncoding
  decimal?: DecimalMark
  dateFormat?: string
}

export interface BronzeSource {
  path: string
  /** The columns the source must have (extra columns are kept). */
  required: readonly string[]
  /** The columns holding dates, and numbers with decimals: their formats are detected from them. */
  dateColumn: string
  decimalColumn?: string
  dialect?: DialectChoice
  /** A folder for the UTF-8 copies a file may need (removed once read). */
  workDir: string
  /**
   * Where the bronze Parquet goes, when the read may stream straight to it: a CSV whose records each take
   * one line and have the header's field count then never sits whole in memory (10M rows of text: 2.5 GB).
   */
  land?: BronzeLanding
}

export interface BronzeLanding {
  path: string
  options: SinkParquetOptions
}

export interface Lineage {
  batchId: string
  /** Microseconds since the epoch, UTC. */
  ingestedAtMicros: number
}

export interface BronzeRead<F extends TableFrame = TableFrame> {
  /** The rows in memory, or, when they were streamed to the landing's file, a scan of that file. */
  frame: F
  rows: number
  /** True when the rows are already written at the source's `land.path`. */
  landed: boolean
  dialect: FileDialect
  /** Lines with the wrong field count, as rejects (the rejects table's columns). */
  malformed: pl.DataFrame
  blank: number
}

const SNIFF_BYTES = 64 * 1024
/** The raw text of a malformed line kept in its reject (longer lines are cut, and say so). */
const RAW_LINE_CHARS = 2000

function firstBytes(path: string, offset: number, bytes: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, offset))
  } finally {
    closeSync(fd)
  }
}

/** A line of the file, decoded (cut when long), for a reject's record. */
function rawLine(path: string, start: number, end: number): string {
  const bytes = firstBytes(path, start, Math.min(end - start, RAW_LINE_CHARS * 4))
  const text = bytes.toString('utf8').replace(/\r$/, '')
  return text.length > RAW_LINE_CHARS || end - start > bytes.length
    ? `${text.slice(0, RAW_LINE_CHARS)}… (cut)`
    : text
}

/** Rejects of lines with the wrong field count: the raw line is the value, and the record. */
function wrongFieldCounts(name: string, lines: number[], texts: string[], batchId: string): pl.DataFrame {
  const all = <T>(value: T) => Array<T>(lines.length).fill(value)
  return pl.DataFrame({
    source: pl.Series('source', all(name), pl.Utf8),
    row_number: pl.Series('row_number', lines, pl.Int64),
    reason: pl.Series('reason', all('wrong_field_count'), pl.Utf8),
    field: pl.Series('field', all(null), pl.Utf8),
    value: pl.Series('value', texts, pl.Utf8),
    record: pl.Series(
      'record',
      texts.map((line) => JSON.stringify({ line })),
      pl.Utf8,
    ),
    batch_id: pl.Series('batch_id', all(batchId), pl.Utf8),
  })
}

function malformedRejects(path: string, name: string, scan: ScanResult, lineage: Lineage): pl.DataFrame {
  const { lines, starts, ends } = scan.malformed
  const texts = Array.from(lines, (_, i) => rawLine(path, starts[i] as number, ends[i] as number))
  return wrongFieldCounts(name, Array.from(lines), texts, lineage.batchId)
}

/**
 * The header's names as the file writes them (quotes at their ends removed). Taken from the file, not from
 * Polars' columns, which rename a repeated name ("a_duplicated_0") before it could be refused.
 */
function headerFields(path: string, delimiter: string): string[] {
  return splitLine(headLines(path)[0] ?? '', delimiter).map((n) => n.replace(/^"|"$/g, ''))
}

/** The header's columns with no row: every data line was set aside. */
function headerOnly(header: string[]): pl.DataFrame {
  return pl.DataFrame(Object.fromEntries(header.map((n, i) => [`column_${i}`, pl.Series(n, [], pl.Utf8)])))
}

/** The first lines of the file as text, for the separator's detection. */
function headLines(path: string): string[] {
  const lines = firstBytes(path, 0, SNIFF_BYTES).toString('utf8').split(/\r?\n/)
  return lines.length > 1 ? lines.slice(0, -1) : lines
}

/** The UTF-8 text to read (a UTF-8 byte order mark is left in: the header's names shed it). */
interface TextFile {
  path: string
  mark: EncodingMark
  temporary?: string
}

async function asUtf8(source: BronzeSource, table: string, mark: EncodingMark): Promise<TextFile> {
  if (mark.decoder === 'utf8') return { path: source.path, mark }
  const decoded = join(source.workDir, `_decoded_${table}.csv`)
  await decodeToUtf8(source.path, mark, decoded)
  return { path: decoded, mark, temporary: decoded }
}

function chooseDelimiter(file: TextFile, source: BronzeSource): Delimiter {
  if (source.dialect?.delimiter) return source.dialect.delimiter
  return detectDelimiter(headLines(file.path), (header) => requiredFound(header, source.required))
}

/** Reads a CSV source in its dialect, or throws a PipelineInputError naming the file. */
async function readCsv(
  source: BronzeSource,
  table: string,
  name: string,
  lineage: Lineage,
): Promise<BronzeRead> {
  const given = source.dialect ?? {}
  const detected: FileDialect['detected'] = []
  let mark = given.encoding ? givenEncoding(source.path, given.encoding, name) : byteOrderMark(source.path)
  if (!given.encoding) detected.push('encoding')
  mark ??= { encoding: 'utf-8', bomBytes: 0, decoder: 'utf8' }
  if (mark.encoding !== 'utf-16' && firstBytes(source.path, 0, SNIFF_BYTES).includes(0)) {
    throw new PipelineInputError('not_csv', `${name} is not a CSV file (it contains binary data)`)
  }
  const temporaries: string[] = []
  // Settled before this returns or throws, so nothing writes to the landing once the read is over.
  let streaming: Promise<void> | undefined
  try {
    let file = await asUtf8(source, table, mark)
    if (file.temporary) temporaries.push(file.temporary)
    let delimiter = chooseDelimiter(file, source)
    // Polars reads on its own threads while the scan walks the bytes here: most files have nothing to set
    // aside, and then this read is the one kept.
    const early = readEarly(file.path, delimiter, name, source, lineage)
    streaming = early.landed
    let scan = scanRecords(file.path, delimiter)
    if (scan.invalidUtf8Line !== undefined) {
      if (given.encoding || file.mark.decoder !== 'utf8') {
        throw new PipelineInputError(
          'invalid_encoding',
          `${name}, line ${scan.invalidUtf8Line}: not valid ${file.mark.encoding}: pass --encoding windows-1252 if the file comes from a spreadsheet saved as "CSV"`,
        )
      }
      file = await asUtf8(source, table, guessSingleByte(source.path, name, scan.invalidUtf8Line))
      if (file.temporary) temporaries.push(file.temporary)
      delimiter = chooseDelimiter(file, source)
      scan = scanRecords(file.path, delimiter)
    }
    if (!given.delimiter) detected.push('delimiter')
    const setAside = mergeRanges(scan.malformed, scan.blank)
    const header = headerFields(file.path, delimiter)
    const names = headerNames(header, source.required, name)
    const asRead = setAside.length === 0 && early.path === file.path && early.delimiter === delimiter
    if (early.landed) {
      if (scan.kept > 0 && asRead && !scan.keptLines) {
        await early.landed
        return landedRead(source, name, scan, { delimiter, file, detected })
      }
      await early.landed.catch(() => {})
      if (source.land) rmSync(source.land.path, { force: true })
    }
    let raw: pl.DataFrame
    if (scan.kept === 0) {
      raw = headerOnly(header)
    } else if (asRead) {
      raw = checkedRows(await (early.frame ?? readText(file.path, delimiter, name)), name, scan)
    } else {
      const cleanPath = join(source.workDir, `_clean_${table}.csv`)
      temporaries.push(cleanPath)
      copyWithout(file.path, setAside, cleanPath)
      raw = checkedRows(await readText(cleanPath, delimiter, name), name, scan)
    }
    const frame = withRowNumbers(renamed(raw, names), scan)
    return {
      frame: frame.withColumns(...lineageColumns(name, lineage)),
      rows: frame.height,
      landed: false,
      dialect: csvDialect(source, name, frame, { delimiter, file, detected }),
      malformed: malformedRejects(file.path, name, scan, lineage),
      blank: scan.blank.lines.length,
    }
  } finally {
    await streaming?.catch(() => {})
    for (const path of temporaries) rmSync(path, { force: true })
  }
}

/** The columns under the names the required columns were matched to (by position). */
function renamed<T extends pl.DataFrame | pl.LazyDataFrame>(frame: T, names: string[]): T {
  return frame.rename(Object.fromEntries(frame.columns.map((c, i) => [c, names[i] as string]))) as T
}

/** How a CSV file was read, its number and date formats detected from its rows unless given. */
function csvDialect(
  source: BronzeSource,
  name: string,
  frame: TableFrame,
  read: { delimiter: Delimiter; file: TextFile; detected: FileDialect['detected'] },
): FileDialect {
  const given = source.dialect ?? {}
  const detected = [...read.detected]
  const decimal = given.decimal ?? (source.decimalColumn ? detectDecimal(frame, source.decimalColumn) : '.')
  if (!given.decimal && source.decimalColumn) detected.push('decimal')
  const dateFormat = given.dateFormat ?? detectDateFormat(frame, source.dateColumn, name)
  if (!given.dateFormat) detected.push('dateFormat')
  return {
    format: 'csv',
    delimiter: read.delimiter,
    encoding: read.file.mark.encoding,
    bom: read.file.mark.bomBytes > 0,
    decimal,
    dateFormat,
    detected,
  }
}

/** A file streamed to its landing: read back as a scan, its row count checked against the scan's. */
function landedRead(
  source: BronzeSource,
  name: string,
  scan: ScanResult,
  read: { delimiter: Delimiter; file: TextFile; detected: FileDialect['detected'] },
): BronzeRead {
  const path = (source.land as BronzeLanding).path
  const frame = pl.scanParquet(path)
  const rows = rowCount(frame)
  checkedCount(rows, name, scan)
  return {
    frame,
    rows,
    landed: true,
    dialect: csvDialect(source, name, frame, read),
    malformed: wrongFieldCounts(name, [], [], ''),
    blank: 0,
  }
}

/** The malformed and blank records, in file order: what the read copy leaves out. */
function mergeRanges(...lists: RecordRanges[]): { start: number; end: number }[] {
  return lists
    .flatMap((r) => Array.from(r.starts, (start, i) => ({ start, end: r.ends[i] as number })))
    .sort((a, b) => a.start - b.start)
}

/**
 * Every column as text: types are decided, and bad values reported by row, in silver. The reader's own
 * message is left out of the error: it may quote the file.
 */
function textScan(path: string, delimiter: string): pl.LazyDataFrame {
  return pl.scanCSV(path, { sep: delimiter, inferSchemaLength: 0, hasHeader: true, quoteChar: '"' })
}

async function readText(path: string, delimiter: string, name: string): Promise<pl.DataFrame> {
  try {
    return await textScan(path, delimiter).collect()
  } catch {
    throw new PipelineInputError(
      'not_csv',
      `${name} could not be read as CSV: check its separator (--delimiter) and that its quotes are closed`,
    )
  }
}

/**
 * Streams the CSV to its landing with its row numbers (index + 2: right when the scan finds nothing
 * unusual) and lineage. The reader's own message is left out of the error, as in readText.
 */
async function landText(
  path: string,
  delimiter: string,
  name: string,
  land: BronzeLanding,
  names: string[],
  lineage: Lineage,
): Promise<void> {
  try {
    await renamed(textScan(path, delimiter), names)
      .withRowIndex('_row_number', 2)
      .withColumns(pl.col('_row_number').cast(pl.Int64), ...lineageColumns(name, lineage))
      .sinkParquet(land.path, land.options)
      .collect()
  } catch {
    throw new PipelineInputError(
      'not_csv',
      `${name} could not be read as CSV: check its separator (--delimiter) and that its quotes are closed`,
    )
  }
}

/**
 * The work started now and awaited only if it is the one kept (its failure is then reported, else
 * ignored): streamed to the landing when there is one and the header names the required columns,
 * otherwise read into memory.
 */
function readEarly(path: string, delimiter: string, name: string, source: BronzeSource, lineage: Lineage) {
  const names = source.land ? namesOrUndefined(path, delimiter, source, name) : undefined
  const work =
    source.land && names
      ? { landed: landText(path, delimiter, name, source.land, names, lineage) }
      : { frame: readText(path, delimiter, name) }
  ;(work.landed ?? work.frame)?.catch(() => {})
  return { path, delimiter, ...work }
}

/** The header's names matched to the required columns, or undefined (the error is raised later, in order). */
function namesOrUndefined(path: string, delimiter: string, source: BronzeSource, name: string) {
  try {
    return headerNames(headerFields(path, delimiter), source.required, name)
  } catch {
    return undefined
  }
}

/** The rows Polars read must be the records the scan kept: otherwise the two disagree on quoting. */
function checkedCount(rows: number, name: string, scan: ScanResult): void {
  if (rows !== scan.kept) {
    throw new PipelineInputError(
      'not_csv',
      `${name} could not be read consistently: ${scan.kept} rows were counted and ${rows} read; check its quotes`,
    )
  }
}

function checkedRows(df: pl.DataFrame, name: string, scan: ScanResult): pl.DataFrame {
  checkedCount(df.height, name, scan)
  return df
}

/** `_row_number`: the physical line each row starts on (the header is line 1). */
function withRowNumbers(frame: pl.DataFrame, scan: ScanResult): pl.DataFrame {
  if (!scan.keptLines)
    return frame.withRowIndex('_row_number', 2).withColumns(pl.col('_row_number').cast(pl.Int64))
  return frame.withColumn(pl.Series('_row_number', scan.keptLines).cast(pl.Int64))
}

function readParquetAsText(source: BronzeSource, name: string, lineage: Lineage): BronzeRead<pl.DataFrame> {
  let df: pl.DataFrame
  try {
    df = pl.readParquet(source.path)
  } catch {
    // The reader's own message is left out: it may quote the file.
    throw new PipelineInputError(
      'not_parquet',
      `${name} could not be read as Parquet: it is damaged or not Parquet`,
    )
  }
  const names = headerNames(df.columns, source.required, name)
  const frame = df
    .select(
      ...df.columns.map((c, i) =>
        pl
          .col(c)
          .cast(pl.Utf8)
          .alias(names[i] as string),
      ),
    )
    .withRowIndex('_row_number', 1)
    .withColumns(pl.col('_row_number').cast(pl.Int64))
  return {
    frame: frame.withColumns(...lineageColumns(name, lineage)),
    rows: frame.height,
    landed: false,
    // Parquet's values are typed: written as text, numbers have a point and dates are ISO.
    dialect: { format: 'parquet', decimal: '.', dateFormat: ISO_DATE, detected: [] },
    malformed: wrongFieldCounts(name, [], [], ''),
    blank: 0,
  }
}

/** Bronze's lineage columns, the same on every row of a file. */
function lineageColumns(name: string, lineage: Lineage): pl.Expr[] {
  return [
    // Constant per file: categorical, so ten million copies cost four bytes each, not a string each.
    pl
      .lit(name)
      .cast(pl.Categorical)
      .alias('_source_file'),
    pl.lit(lineage.ingestedAtMicros).cast(pl.Int64).cast(pl.Datetime('us')).alias('_ingested_at'),
    pl.lit(lineage.batchId).cast(pl.Categorical).alias('_batch_id'),
  ]
}

/**
 * Reads one source file into a bronze frame, or throws a PipelineInputError naming the file. Given a
 * landing, the rows may come back already written there (`landed`), as a scan of that file.
 */
export async function readSource(
  source: BronzeSource & { land: BronzeLanding },
  table: string,
  lineage: Lineage,
): Promise<BronzeRead>
export async function readSource(
  source: Omit<BronzeSource, 'land'>,
  table: string,
  lineage: Lineage,
): Promise<BronzeRead<pl.DataFrame>>
export async function readSource(source: BronzeSource, table: string, lineage: Lineage): Promise<BronzeRead> {
  const name = basename(source.path)
  let size: number
  try {
    size = statSync(source.path).size
  } catch {
    throw new PipelineInputError('missing_file', `${source.path} does not exist`)
  }
  if (size === 0)
    throw new PipelineInputError('empty_file', `${name} is empty: expected a header line and data rows`)
  const read =
    extname(source.path).toLowerCase() === '.parquet'
      ? readParquetAsText(source, name, lineage)
      : await readCsv(source, table, name, lineage)
  if (read.rows === 0 && read.malformed.height === 0) {
    throw new PipelineInputError('empty_file', `${name} has a header but no data rows`)
  }
  return read
}
