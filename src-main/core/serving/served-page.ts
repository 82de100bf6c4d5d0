/**
 * A list answer as a ServedPage, from any store: the store's own when it serialises from its columns
 * (ParquetStore), else its rows serialised a slice at a time (MongoStore, whose driver hands rows).
 */
import type { CollectionSpec } from './collections.ts'
import { RowBytes } from './row-bytes.ts'
import type { ListQuery, ListResult, ServedPage, ServingStore } from './serving-store.ts'

/** Pages of answers a store keeps (MongoStore's, per publish): their rows' bytes are made once, not per request. */
const pagesOfKeptAnswers = new WeakMap<ListResult, ServedPage>()

export function pageOfRows(result: ListResult): ServedPage {
  const kept = pagesOfKeptAnswers.get(result)
  if (kept) return kept
  const { rows, total } = result
  const bytes = new RowBytes(rows.length, (row) => JSON.stringify(rows[row]))
  const page: ServedPage = {
    total,
    count: rows.length,
    bytes: (from, to) => bytes.pageBytes('in order', from, to),
  }
  pagesOfKeptAnswers.set(result, page)
  return page
}

export async function servedPage(
  store: ServingStore,
  spec: CollectionSpec,
  query: ListQuery,
): Promise<ServedPage | null> {
  if (store.page) return store.page(spec, query)
  const result = await store.list(spec, query)
  return result ? pageOfRows(result) : null
}
