/**
 * Gold rows as MongoDB documents, and the layout the publisher and MongoStore share.
 *
 * A document is `{ _id, <the catalog's fields in order>, _hash, _publish_id }`:
 * - `_id` is the unique key as text, so a document's identity is its key and the publisher can address
 *   it without a query (FerretDB pushes down only `{_id: <string>}`);
 * - `_hash` is a hash of the row's values (computed by Polars over the whole table at once), so a
 *   republish rewrites only documents whose content changed;
 * - `_publish_id` is the publish that last wrote the document.
 * Timestamps are BSON dates, floats BSON doubles (even 26.0), integers int32 (int64 beyond), day/month
 * keys the strings they are in gold, NaN and nulls null. Tables are read in slices: a million-row table
 * never becomes a million JS objects at once.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Double, Long } from 'mongodb'
import pl from 'nodejs-polars'
import type { CollectionSpec } from './collections.ts'

export const HASH_FIELD = '_hash'
/** The stamp: which publish last wrote a document. Never served. */
export const PUBLISH_STAMP = '_publish_id'

/** One document describing the latest publish (run, time, counts): the served gold's freshness. */
export const PUBLISH_COLLECTION = 'gold_publish'
export const PUBLISH_DOC_ID = 'latest'
/** The `_id` of the one document of KPIS_COLLECTION. */
export const KPIS_DOC_ID = 'kpis'

/** Bump when the way rows become documents changes: every document is then rewritten once. */
const DOCUMENT_FORMAT = 1

export type DocumentValue = string | number | boolean | Date | Double | Long | null
export type GoldDocument = { _id: string } & Record<string, DocumentValue>

/** A document's `_id`: its unique key as text (keys are integers or text; Polars casts them alike). */
export function documentId(key: unknown): string {
  return String(key)
}

export function goldTablePath(goldDir: string, spec: CollectionSpec): string {
  return join(goldDir, `${spec.table}.parquet`)
}

/**
 * What is wrong with a gold table for this collection, or undefined when it can be published: the file,
 * the catalog's fields, timestamp types, and a key that is never null and never repeated (the unique
 * index would refuse the publish half-way otherwise). Reads the schema and the key column only.
 */
export function goldTableProblem(goldDir: string, spec: CollectionSpec): string | undefined {
  const path = goldTablePath(goldDir, spec)
  if (!existsSync(path)) return `${spec.table}.parquet is missing`
  let schema: pl.DataFrame['schema']
  try {
    schema = pl.readParquet(path, { nRows: 0 }).schema
  } catch (err) {
    return `${spec.table}.parquet cannot be read (${err instanceof Error ? err.message : String(err)})`
  }
  const missing = spec.fields.filter((f) => !(f in schema))
  if (missing.length > 0) return `${spec.table} lacks the field(s) ${missing.join(', ')}`
  const notDates = spec.dates.filter((f) => !['Datetime', 'Date'].includes(schema[f]?.variant ?? ''))
  if (notDates.length > 0) return `${spec.table}: ${notDates.join(', ')} should hold timestamps`
  const key = pl.readParquet(path, { columns: [spec.key] }).getColumn(spec.key)
  if (key.nullCount() > 0) return `${spec.table}: ${key.nullCount()} row(s) without ${spec.key}`
  const repeated = key.len() - key.nUnique()
  if (repeated > 0) return `${spec.table}: ${repeated} repeated value(s) of its key ${spec.key}`
  return undefined
}

/** Rows of a gold table (a table already checked by goldTableProblem). */
export function goldTableRows(goldDir: string, spec: CollectionSpec): number {
  return pl.readParquet(goldTablePath(goldDir, spec), { columns: [spec.key] }).height
}

/**
 * The gold table with the catalog's fields, in the catalog's order, its rows in `_id` order (the key as
 * text, compared byte by byte as MongoDB and FerretDB compare strings): each slice then covers one range
 * of `_id`s, which the publisher can address with a range.
 */
export function readGoldTable(goldDir: string, spec: CollectionSpec): pl.DataFrame {
  const order = '__document_id'
  return pl
    .readParquet(goldTablePath(goldDir, spec))
    .withColumns(pl.col(spec.key).cast(pl.Utf8).alias(order))
    .sort(order)
    .select(...spec.fields.map((f) => pl.col(f)))
}

const INT32_MIN = -(2 ** 31)
const INT32_MAX = 2 ** 31 - 1

type Convert = (value: unknown) => DocumentValue

function converter(variant: string): Convert {
  if (variant.startsWith('Float')) {
    return (v) => (typeof v === 'number' && Number.isFinite(v) ? new Double(v) : null)
  }
  if (/^U?Int\d+$/.test(variant)) {
    return (v) => {
      if (v === null || v === undefined) return null
      const n = Number(v)
      // The driver would store a large integer as a double; keep it an integer.
      return n >= INT32_MIN && n <= INT32_MAX ? n : Long.fromNumber(n)
    }
  }
  if (variant === 'Datetime' || variant === 'Date') {
    return (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v : null)
  }
  if (variant === 'Bool') return (v) => (typeof v === 'boolean' ? v : null)
  return (v) => (v === null || v === undefined ? null : String(v))
}

/** FNV-1a of a text, as a 32-bit seed. */
function seed(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/**
 * One hash per row (52 bits, exact as a double). The seeds cover the field names, their types and the
 * document format, so renaming a field or changing a conversion also counts as a change.
 */
function rowHashes(frame: pl.DataFrame): pl.Series {
  const layout = `${DOCUMENT_FORMAT}|${frame.columns.map((c) => `${c}:${frame.schema[c]}`).join(',')}`
  return frame.hashRows(DOCUMENT_FORMAT, seed(layout), 0x5eed, 0x60d)
}

/** The table's documents, `size` rows at a time, stamped with `publishId`. */
export function* documentSlices(
  frame: pl.DataFrame,
  spec: CollectionSpec,
  size: number,
  publishId: string,
): Generator<GoldDocument[]> {
  const converts = spec.fields.map((f) => converter(frame.schema[f]?.variant ?? 'String'))
  const hashes = rowHashes(frame)
  for (let offset = 0; offset < frame.height; offset += size) {
    const rows = frame.slice(offset, size).toRecords() as Record<string, unknown>[]
    const sliceHashes = hashes.slice(offset, size).toArray() as bigint[]
    yield rows.map((row, i) => {
      const doc: GoldDocument = { _id: documentId(row[spec.key]) }
      spec.fields.forEach((field, f) => {
        doc[field] = (converts[f] as Convert)(row[field])
      })
      doc[HASH_FIELD] = Number((sliceHashes[i] as bigint) >> 12n)
      doc[PUBLISH_STAMP] = publishId
      return doc
    })
  }
}
