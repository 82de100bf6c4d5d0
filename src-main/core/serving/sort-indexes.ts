/**
 * The indexes a MongoDB needs to answer the read API's sorted pages without sorting a whole collection in
 * memory: the API sorts `{field: dir, key: 1}` (ties by the unique key ascending, as ParquetStore does),
 * and an index serves a sort only when its pattern, or the exact reverse, is the sort's. So each field a
 * list route may sort on gets `{field: 1, key: 1}` and `{field: -1, key: 1}`; the key alone has its unique
 * index. Collections without a route are read whole or by key, and need none.
 */
import type { IndexDescription } from 'mongodb'
import type { CollectionSpec } from './collections.ts'

/** MongoDB's limit is 64 indexes per collection, `_id`'s included. */
const MAX_INDEXES = 64

export function sortIndexes(spec: CollectionSpec): IndexDescription[] {
  if (!spec.route) return []
  const indexes = spec.fields
    .filter((field) => field !== spec.key)
    .flatMap((field): IndexDescription[] => [
      { key: { [field]: 1, [spec.key]: 1 } },
      { key: { [field]: -1, [spec.key]: 1 } },
    ])
  // `_id`, the unique key and the secondary indexes come first.
  const room = MAX_INDEXES - 2 - spec.indexes.length
  if (indexes.length > room) {
    throw new Error(`${spec.name}: ${indexes.length} sort indexes do not fit MongoDB's ${MAX_INDEXES}`)
  }
  return indexes
}
