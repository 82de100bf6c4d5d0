/**
 * A served table held in memory as columns of JSON values, answering a ListQuery the way MongoDB answers
 * `find(filter).sort({field: dir, key: 1}).skip(offset).limit(limit)`: exact-match filters, BSON order
 * (null below numbers below strings, so nulls come first ascending and last descending), ties broken by
 * the collection's unique key ascending. Sort orders and filter indexes are built on first use and kept,
 * so a warm query costs only its page.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import type pl from 'nodejs-polars'
import { type JsonValue, toJsonValue } from './json-values.ts'
import { RowBytes } from './row-bytes.ts'
import type { ListQuery, ListResult, Row, ServedPage } from './serving-store.ts'

/** Rank of a value's type in BSON comparison order (dates are served as ISO text, which sorts the same). */
function typeRank(value: JsonValue): number {
  if (value === null) return 0
  if (typeof value === 'number') return 1
  if (typeof value === 'string') return 2
  return 3
}

export function compareJsonValues(a: JsonValue, b: JsonValue): number {
  if (a === b) return 0
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  if (typeof a === 'number') return a - (b as number)
  // Strings compare by code unit; MongoDB compares UTF-8 bytes, which differs only past U+FFFF.
  return (a as string | boolean) < (b as string | boolean) ? -1 : 1
}

/** Values converted between two turns of the event loop while a table loads (a few ms of work). */
const CONVERT_SLICE = 16_384

/** Filtered candidates above this count are paged by walking the sort order instead of sorting them. */
const SORT_CANDIDATES_MAX = 4096

interface SortOrder {
  /** Row indexes in sorted order. */
  perm: Int32Array
  /** rank[row] = position of the row in `perm`. */
  rank: Int32Array
}

export class ColumnTable {
  private readonly orders = new Map<string, SortOrder>()
  private readonly indexes = new Map<string, Map<JsonValue, number[]>>()
  private readonly fieldColumns: JsonValue[][]
  /** `{"field":` for the first field, `,"field":` for the others: a row's JSON text between its values. */
  private readonly jsonPrefixes: string[]
  /** Each row's JSON bytes once a page has held it (about as big as the columns, at most). */
  private readonly rowBytes: RowBytes

  constructor(
    /** Served fields, in output order. */
    readonly fields: readonly string[],
    private readonly columns: ReadonlyMap<string, JsonValue[]>,
    readonly height: number,
    /** The unique key breaking sort ties; rows keep their stored order when it is absent. */
    private readonly key: string,
  ) {
    this.fieldColumns = fields.map((f) => columns.get(f) ?? [])
    this.jsonPrefixes = fields.map((f, i) => `${i === 0 ? '{' : ','}${JSON.stringify(f)}:`)
    this.rowBytes = new RowBytes(height, (row) => this.rowJson(row))
  }

  /**
   * The frame's columns among `fields` (in that order), converted once to served JSON values, a slice at a
   * time with turns of the event loop between: a big table loads while /health and small pages are answered.
   */
  static async fromFrame(frame: pl.DataFrame, fields: readonly string[], key: string): Promise<ColumnTable> {
    const present = new Set(frame.columns)
    const served = fields.filter((f) => present.has(f))
    const columns = new Map<string, JsonValue[]>()
    for (const field of served) {
      await nextTurn()
      const values = frame.getColumn(field).toArray() as unknown[]
      const json = new Array<JsonValue>(values.length)
      for (let from = 0; from < values.length; from += CONVERT_SLICE) {
        if (from > 0) await nextTurn()
        const to = Math.min(values.length, from + CONVERT_SLICE)
        for (let i = from; i < to; i++) json[i] = toJsonValue(values[i])
      }
      columns.set(field, json)
    }
    return new ColumnTable(served, columns, frame.height, key)
  }

  query(q: ListQuery): ListResult {
    const { rows, total } = this.pageRows(q)
    return { rows: this.rows(rows), total }
  }

  /** The query's page as a ServedPage: its rows' JSON bytes a slice at a time, each row made once. */
  page(q: ListQuery): ServedPage {
    const { rows, total } = this.pageRows(q)
    return { total, count: rows.length, bytes: (from, to) => this.rowBytes.pageBytes(rows, from, to) }
  }

  /** The row indexes of the query's page, in order, and how many rows match. */
  private pageRows(q: ListQuery): { rows: ArrayLike<number>; total: number } {
    const { perm, rank } = this.order(q.sort.field, q.sort.dir)
    const filters = Object.entries(q.filter)
    const end = q.offset + q.limit
    if (filters.length === 0) {
      return {
        rows: perm.subarray(Math.min(q.offset, this.height), Math.min(end, this.height)),
        total: this.height,
      }
    }
    const matched = this.matching(filters)
    if (matched.length <= SORT_CANDIDATES_MAX) {
      const sorted = Int32Array.from(matched).sort((a, b) => (rank[a] as number) - (rank[b] as number))
      return {
        rows: sorted.subarray(Math.min(q.offset, sorted.length), Math.min(end, sorted.length)),
        total: matched.length,
      }
    }
    // Many candidates: walk the sort order and stop once the page is full.
    const mark = new Uint8Array(this.height)
    for (const row of matched) mark[row] = 1
    const page: number[] = []
    let seen = 0
    for (let i = 0; i < perm.length && page.length < q.limit; i++) {
      const row = perm[i] as number
      if (mark[row] === 0) continue
      if (seen >= q.offset) page.push(row)
      seen++
    }
    return { rows: page, total: matched.length }
  }

  /** The rows whose key is among `keys`, in that order, each key once (unknown keys left out). */
  byKeys(keys: readonly JsonValue[]): Row[] {
    const index = this.index(this.key)
    const rows: number[] = []
    for (const key of new Set(keys)) {
      const row = index.get(key)?.[0]
      if (row !== undefined) rows.push(row)
    }
    return this.rows(rows)
  }

  /** Rows matching every filter, in stored order: the smallest index bucket checked against the others. */
  private matching(filters: [string, string | number][]): number[] {
    let smallest: number[] | undefined
    for (const [field, value] of filters) {
      const bucket = this.index(field).get(value) ?? []
      if (!smallest || bucket.length < smallest.length) smallest = bucket
    }
    if (!smallest || smallest.length === 0) return []
    if (filters.length === 1) return smallest
    const checks = filters.map(([field, value]) => [this.columns.get(field) ?? [], value] as const)
    return smallest.filter((row) => checks.every(([column, value]) => column[row] === value))
  }

  private index(field: string): Map<JsonValue, number[]> {
    let index = this.indexes.get(field)
    if (!index) {
      index = new Map()
      const column = this.columns.get(field)
      if (column) {
        for (let row = 0; row < column.length; row++) {
          const value = column[row] as JsonValue
          const bucket = index.get(value)
          if (bucket) bucket.push(row)
          else index.set(value, [row])
        }
      }
      this.indexes.set(field, index)
    }
    return index
  }

  private order(field: string, dir: 1 | -1): SortOrder {
    const name = `${field}:${dir}`
    let order = this.orders.get(name)
    if (!order) {
      const column = this.columns.get(field)
      const keys = this.columns.get(this.key)
      const perm = new Int32Array(this.height)
      for (let i = 0; i < perm.length; i++) perm[i] = i
      perm.sort((a, b) => {
        const byField = column ? compareJsonValues(column[a] as JsonValue, column[b] as JsonValue) * dir : 0
        if (byField !== 0) return byField
        const byKey = keys ? compareJsonValues(keys[a] as JsonValue, keys[b] as JsonValue) : 0
        return byKey !== 0 ? byKey : a - b
      })
      const rank = new Int32Array(this.height)
      for (let i = 0; i < perm.length; i++) rank[perm[i] as number] = i
      order = { perm, rank }
      this.orders.set(name, order)
    }
    return order
  }

  /**
   * A row's JSON text, the one JSON.stringify gives (fields in order), without building a row object; made
   * once per row (RowBytes keeps it): the table's rows change only with the run.
   */
  private rowJson(row: number): string {
    const prefixes = this.jsonPrefixes
    const columns = this.fieldColumns
    // Parts joined once: one flat string to encode, where `+=` would build a tree of pieces.
    const parts = new Array<string>(prefixes.length * 2 + 1)
    for (let f = 0; f < prefixes.length; f++) {
      const value = (columns[f] as JsonValue[])[row] ?? null
      parts[f * 2] = prefixes[f] as string
      parts[f * 2 + 1] = typeof value === 'string' ? JSON.stringify(value) : String(value)
    }
    parts[prefixes.length * 2] = prefixes.length === 0 ? '{}' : '}'
    return parts.join('')
  }

  private rows(indexes: ArrayLike<number>): Row[] {
    const out = new Array<Row>(indexes.length)
    const fields = this.fields
    const fieldColumns = this.fieldColumns
    for (let i = 0; i < indexes.length; i++) {
      const row = indexes[i] as number
      const doc: Row = {}
      for (let f = 0; f < fields.length; f++)
        doc[fields[f] as string] = (fieldColumns[f] as JsonValue[])[row] ?? null
      out[i] = doc
    }
    return out
  }
}
