/**
 * `data.client`: one client's rows from the served collections, each a key lookup on `id_client` (by
 * `_id` on MongoDB) through any store's `list`.
 */
import type { ClientDetail } from '../../../src-preload/contract-insights.ts'
import { MedallionError } from '../errors.ts'
import { COLLECTIONS } from './collections.ts'
import type { Row, ServingStore } from './serving-store.ts'

/**
 * The collection of the model's per-client predictions (issue 6), keyed by id_client. Served once the
 * catalog lists it; until then `predictions` is null.
 */
export const PREDICTIONS_COLLECTION = 'gold_client_predictions'

/** The client's row, null when the collection has none for them, undefined when it is absent or empty. */
async function lookup(
  store: Pick<ServingStore, 'list'>,
  name: string,
  id: number,
): Promise<Row | null | undefined> {
  const spec = COLLECTIONS.find((c) => c.name === name)
  if (!spec) return undefined
  const result = await store.list(spec, {
    sort: { field: spec.key, dir: 1 },
    filter: { id_client: id },
    offset: 0,
    limit: 1,
  })
  return result === null ? undefined : (result.rows[0] ?? null)
}

/** Null when nothing is published; MedallionError 'not_found' when no collection knows the client. */
export async function clientDetail(
  store: Pick<ServingStore, 'list'>,
  id: number,
): Promise<ClientDetail | null> {
  const [dim, features, scores, predictions] = await Promise.all([
    lookup(store, 'gold_dim_clients', id),
    lookup(store, 'gold_client_features', id),
    lookup(store, 'gold_client_scores', id),
    lookup(store, PREDICTIONS_COLLECTION, id),
  ])
  if (dim === undefined) return null
  if (!dim && !features && !scores) {
    throw new MedallionError('not_found', `no client with id_client ${id} in the served gold`)
  }
  return { dim, features: features ?? null, scores: scores ?? null, predictions: predictions ?? null }
}
