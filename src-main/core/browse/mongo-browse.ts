/**
 * The browser over a MongoDB collection (when gold is served from MongoDB): find with skip, limit, sort
 * and a filter; the stats as counts, distinct values and sorted finds (FerretDB has no $facet and no
 * $min/$max accumulator); the CSV export from a cursor, a batch at a time. The columns are read from a sample of
 * documents (a collection has no schema).
 */

import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import type { Collection, Db, Document, Filter, Sort } from 'mongodb'
import type { Row } from '../../../src-preload/contract.ts'
import type {
  BrowseColumn,
  BrowseColumnStats,
  BrowseExportQuery,
  BrowsePageQuery,
  BrowseQuery,
} from '../../../src-preload/contract-browse.ts'
import { MedallionError } from '../errors.ts'
import { toJsonValue } from '../serving/json-values.ts'
import { checkQuery, exportedColumns, type TypedFilter } from './browse-columns.ts'
import { csvLine } from './csv-text.ts'

/** Documents read to learn a collection's fields. */
const SAMPLE = 200
const EXPORT_BATCH = 1_000

function valueType(value: unknown): BrowseColumn['type'] | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  if (typeof value === 'bigint') return 'integer'
  if (typeof value === 'string') return 'text'
  if (typeof value === 'boolean') return 'boolean'
  if (value instanceof Date) return 'datetime'
  return 'other'
}

/** Fields in the order the sample first shows them; a field with integers and fractions is a number. */
export async function mongoColumns(collection: Collection): Promise<BrowseColumn[]> {
  const types = new Map<string, BrowseColumn['type'] | undefined>()
  for (const doc of await collection.find({}).limit(SAMPLE).toArray()) {
    for (const [name, value] of Object.entries(doc)) {
      const seen = types.get(name)
      const type = valueType(value)
      if (seen === undefined) types.set(name, type)
      else if (type && seen !== type)
        types.set(name, seen === 'integer' && type === 'number' ? 'number' : seen)
    }
  }
  return [...types].map(([name, type]) => ({
    name,
    type: type ?? 'other',
    detail: type ? 'bson' : 'bson (null)',
  }))
}

function condition({ column, op, value }: TypedFilter): Filter<Document> {
  const name = column.name
  switch (op) {
    case 'isNull':
      return { [name]: null }
    case 'notNull':
      return { [name]: { $ne: null } }
    case 'contains':
      return { [name]: { $regex: String(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') } }
    case 'eq':
      return { [name]: value }
    case 'ne':
      return { [name]: { $ne: value } }
    default:
      return { [name]: { [`$${op}`]: value } }
  }
}

function mongoFilter(filters: readonly TypedFilter[]): Filter<Document> {
  return filters.length === 0 ? {} : { $and: filters.map(condition) }
}

interface Selected {
  columns: BrowseColumn[]
  filter: Filter<Document>
  sort: Sort
}

async function selected(
  collection: Collection,
  query: Pick<BrowseQuery, 'sort' | 'filters'>,
  where: string,
): Promise<Selected> {
  const columns = await mongoColumns(collection)
  const label = `collection ${collection.collectionName}`
  if (columns.length === 0 && (query.sort || query.filters.length > 0)) {
    throw new MedallionError(
      'invalid_input',
      `${where}: ${label} is empty: it has no column to sort or filter`,
    )
  }
  const { sort, filters } = checkQuery(columns, query, where, label)
  // _id last: a stable order across pages where the sort column ties.
  const order: Sort = sort ? { [sort.column.name]: sort.desc ? -1 : 1, _id: 1 } : { _id: 1 }
  return { columns, filter: mongoFilter(filters), sort: order }
}

function jsonRow(doc: Document): Row {
  const row: Row = {}
  for (const [key, value] of Object.entries(doc)) row[key] = toJsonValue(value)
  return row
}

export async function mongoPage(
  collection: Collection,
  query: BrowsePageQuery,
): Promise<{ columns: BrowseColumn[]; rows: Row[]; total: number }> {
  const { columns, filter, sort } = await selected(collection, query, 'data.browse')
  const [docs, total] = await Promise.all([
    collection.find(filter).sort(sort).skip(query.offset).limit(query.limit).toArray(),
    collection.countDocuments(filter),
  ])
  return { columns, rows: docs.map(jsonRow), total }
}

/**
 * The least (or greatest) set value of a field among the documents the filter keeps: the first document
 * in that order (FerretDB implements no $min/$max accumulator; a sorted find answers on both servers).
 */
async function bound(collection: Collection, filter: Filter<Document>, name: string, order: 1 | -1) {
  const [doc] = await collection
    .find({ $and: [filter, { [name]: { $ne: null } }] })
    .sort({ [name]: order })
    .limit(1)
    .project({ [name]: 1 })
    .toArray()
  return toJsonValue(doc?.[name])
}

export async function mongoStats(
  collection: Collection,
  query: Pick<BrowseQuery, 'filters'>,
): Promise<{ rows: number; columns: BrowseColumnStats[] }> {
  const { columns, filter } = await selected(collection, query, 'data.browseStats')
  const rows = await collection.countDocuments(filter)
  const stats: BrowseColumnStats[] = []
  // One column at a time: FerretDB scans per query, and a small server should not get them all at once.
  for (const column of columns) {
    const { name } = column
    const nulls = await collection.countDocuments({ $and: [filter, { [name]: null }] })
    const values = (await collection.distinct(name, filter)).filter((v) => v !== null && v !== undefined)
    stats.push({
      name,
      type: column.type,
      nulls,
      // As Polars counts: null is one more distinct value.
      distinct: values.length + (nulls > 0 ? 1 : 0),
      min: await bound(collection, filter, name, 1),
      max: await bound(collection, filter, name, -1),
    })
  }
  return { rows, columns: stats }
}

/** Writes the whole result to `path` as CSV, a cursor batch at a time; returns the rows written. */
export async function mongoCsv(
  collection: Collection,
  query: Pick<BrowseExportQuery, 'sort' | 'filters' | 'columns'>,
  path: string,
): Promise<number> {
  const where = 'data.browseExport'
  const { columns: all, filter, sort } = await selected(collection, query, where)
  const written = exportedColumns(all, query.columns, where, `collection ${collection.collectionName}`)
  const columns = written.map((c) => c.column)
  const out = createWriteStream(path, { flags: 'wx' })
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain')
  }
  let rows = 0
  try {
    await write(csvLine(written.map((c) => c.header)))
    for await (const doc of collection.find(filter).sort(sort).batchSize(EXPORT_BATCH)) {
      await write(csvLine(columns.map((c) => toJsonValue(doc[c.name]))))
      rows++
    }
  } finally {
    out.end()
    await once(out, 'close')
  }
  return rows
}

/** The collections a database holds, sorted. */
export async function mongoCollections(db: Db): Promise<string[]> {
  const listed = await db.listCollections({}, { nameOnly: true }).toArray()
  return listed.map((c) => c.name).sort()
}
