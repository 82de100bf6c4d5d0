/**
 * Bronze: a source file lands as Parquet, every column kept as text exactly as it came, with lineage
 * columns (source file, source row number, ingestion time, batch id). The original copied raw CSV bytes
 * and kept no lineage.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { basename, extname } from 'node:path'
import pl from 'nodejs-polars'
import { PipelineInputError } from './pipeline-error.ts'

export interface BronzeSource {
  path: string
  /** The columns the source must have (extra columns are kept). */
  required: readonly string[]
}

export interface Lineage {
  batchId: string
  /** Microseconds since the epoch, UTC. */
  ingestedAtMicros: number
}

const SNIFF_BYTES = 4096

/** Reads the first bytes to tell an empty file or a binary file from a CSV before Polars sees it. */
function sniff(path: string): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(SNIFF_BYTES)
    return buf.subarray(0, readSync(fd, buf, 0, SNIFF_BYTES, 0))
  } finally {
    closeSync(fd)
  }
}

function readCsvAsText(path: string, name: string): pl.DataFrame {
  const head = sniff(path)
  if (head.length === 0 || head.toString('utf8').trim() === '') {
    throw new PipelineInputError('empty_file', `${name} is empty: expected a header line and data rows`)
  }
  if (head.includes(0)) {
    throw new PipelineInputError('not_csv', `${name} is not a CSV file (it contains binary data)`)
  }
  try {
    // Every column as text: types are decided, and bad values reported by row, in silver.
    return pl.readCSV(path, {
      inferSchemaLength: 0,
      hasHeader: true,
      truncateRaggedLines: true,
      rowIndexName: '_row_number',
      // Row numbers are file line numbers: the header is line 1.
      rowIndexOffset: 2,
    })
  } catch (err) {
    throw new PipelineInputError(
      'not_csv',
      `${name} could not be read as CSV: ${(err as Error).message.split('\n')[0]}`,
    )
  }
}

function readParquetAsText(path: string, name: string): pl.DataFrame {
  let df: pl.DataFrame
  try {
    df = pl.readParquet(path)
  } catch (err) {
    throw new PipelineInputError(
      'not_parquet',
      `${name} could not be read as Parquet: ${(err as Error).message.split('\n')[0]}`,
    )
  }
  return df
    .select(...df.columns.map((c) => pl.col(c).cast(pl.Utf8)))
    .withRowIndex('_row_number', 1)
    .withColumns(pl.col('_row_number').cast(pl.Int64))
}

/** Reads one source file into a bronze frame, or throws a PipelineInputError naming the file. */
export function readSource(source: BronzeSource, lineage: Lineage): pl.DataFrame {
  const name = basename(source.path)
  let size: number
  try {
    size = statSync(source.path).size
  } catch {
    throw new PipelineInputError('missing_file', `${source.path} does not exist`)
  }
  if (size === 0)
    throw new PipelineInputError('empty_file', `${name} is empty: expected a header line and data rows`)
  const raw =
    extname(source.path).toLowerCase() === '.parquet'
      ? readParquetAsText(source.path, name)
      : readCsvAsText(source.path, name)
  const columns = raw.columns.map((c) => c.trim())
  const missing = source.required.filter((c) => !columns.includes(c))
  if (missing.length > 0) {
    throw new PipelineInputError(
      'missing_column',
      `${name}: missing required column(s) ${missing.join(', ')}; found ${columns.filter((c) => c !== '_row_number').join(', ')}`,
    )
  }
  if (raw.height === 0) throw new PipelineInputError('empty_file', `${name} has a header but no data rows`)
  return raw.rename(Object.fromEntries(raw.columns.map((c) => [c, c.trim()]))).withColumns(
    // Constant per file: categorical, so ten million copies cost four bytes each, not a string each.
    pl
      .lit(name)
      .cast(pl.Categorical)
      .alias('_source_file'),
    pl.col('_row_number').cast(pl.Int64),
    pl.lit(lineage.ingestedAtMicros).cast(pl.Int64).cast(pl.Datetime('us')).alias('_ingested_at'),
    pl.lit(lineage.batchId).cast(pl.Categorical).alias('_batch_id'),
  )
}
