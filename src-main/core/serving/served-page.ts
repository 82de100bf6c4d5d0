/**
 * A list answer as a ServedPage, from any store: the store's own when it serialises from its columns
 * (ParquetStore), else its rows serialised a slice at a time (MongoStore, whose driver hands rows).
 */
import type { CollectionSpec } from './collections.ts'
import type { ListQuery, ListResult, ServedPage, ServingStore } from './serving-store.ts'

export function pageOfRows({ rows, total }: ListResult): ServedPage {
  return {
    total,
    count: rows.length,
    json: (from, to) =>
      rows
        .slice(from, to)
        .map((row) => JSON.stringify(row))
        .join(','),
  }
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
