/**
 * What the read API and the UI ask of a serving store. Two implementations answer the same queries with
 * the same results: MongoStore (the published serving layer) and ParquetStore (the embedded default,
 * reading gold straight from the lake's current run).
 */

import type { ListResult, Row, ServedKpis, StoreHealth } from '../../../src-preload/contract.ts'
import type { SalesFilter, SalesResult } from '../../../src-preload/contract-insights.ts'
import type { CollectionSpec } from './collections.ts'

export type { ListResult, Row, ServedKpis, StoreHealth } from '../../../src-preload/contract.ts'

/** A value of a collection's unique key (`id_client`, a month…). */
export type KeyValue = string | number

export interface ListQuery {
  /** A field of the collection (checked by the caller) and a direction. */
  sort: { field: string; dir: 1 | -1 }
  /** Rows to skip, then rows to return (the caller bounds both). */
  offset: number
  limit: number
  /** Exact-match filters on the collection's filterable fields, values already typed. */
  filter: Record<string, string | number>
}

/**
 * A list answer's page whose rows are turned into JSON text a slice at a time, so that a big page is never
 * built or serialised in one block (api/json-stream.ts writes it in chunks).
 */
export interface ServedPage {
  /** Rows matching the query, beyond this page too. */
  total: number
  /** Rows in this page. */
  count: number
  /**
   * Rows `from`..`to` (end excluded) as UTF-8 JSON objects, as JSON.stringify writes them, each preceded by
   * a comma but the page's first: the pieces of a page, written in order, are its rows' JSON list.
   */
  bytes(from: number, to: number): Buffer
}

export interface ServingStore {
  readonly kind: 'mongo' | 'parquet'
  health(): Promise<StoreHealth>
  /** Null when nothing is published (the API answers 503). */
  kpis(): Promise<ServedKpis | null>
  /** Null when the collection is empty or missing (the API answers 503). */
  list(spec: CollectionSpec, query: ListQuery): Promise<ListResult | null>
  /** The same page as `list`, serialised on demand (a store holding its columns in memory answers it cheaply). */
  page?(spec: CollectionSpec, query: ListQuery): Promise<ServedPage | null>
  /**
   * The rows whose unique key is among `keys` (in the order of `keys`, each once; keys without a row left
   * out): one query for a page of clients' names. Null when the collection is empty or missing.
   */
  byKeys(spec: CollectionSpec, keys: readonly KeyValue[]): Promise<Row[] | null>
  /** `data.sales`: the fact's purchases filtered and grouped (defined in sales-query.ts); null when none is published. */
  sales(filter: SalesFilter): Promise<SalesResult | null>
  /** A store that keeps the lake's gold in memory looks at the lake again (a run was just committed). */
  refresh?(): void
  close(): Promise<void>
}
