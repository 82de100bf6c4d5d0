/**
 * A list answer as a ServedPage, from any store: the store's own when it serialises from its columns
 * (ParquetStore), else its rows serialised a slice at a time (MongoStore, whose driver hands rows).
 */
import type { CollectionSpec } from './collections.ts'
import type { ListQuery, ListResult, ServedPage, ServingStore } from './serving-store.ts'

/** Pages of answers a store keeps (MongoStore's, per publish): their rows' text is made once, not per request. */
const pagesOfKeptAnswers = new WeakMap<ListResult, ServedPage>()

export function pageOfRows(result: ListResult): ServedPage {
  const kept = pagesOfKeptAnswers.get(result)
  if (kept) return kept
  const { rows, total } = result
  const texts = new Array<string | undefined>(rows.length)
  const page: ServedPage = {
    total,
    count: rows.length,
    json(from, to) {
      const slice = new Array<string>(to - from)
      for (let i = from; i < to; i++) {
        texts[i] ??= JSON.stringify(rows[i])
        slice[i - from] = texts[i] as string
      }
      return slice.join(',')
    },
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
