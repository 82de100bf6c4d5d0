/**
 * `data.clientNames`: who a page of clients are (gold_dim_clients' name and country), read with one key
 * query on any store instead of one `data.client` per row.
 */
import type { ClientName } from '../../../src-preload/contract-insights.ts'
import { collection } from './collections.ts'
import type { ServingStore } from './serving-store.ts'

/** In the order of `ids`, each once, unknown ids left out; null when nothing is published. */
export async function clientNames(
  store: Pick<ServingStore, 'byKeys'>,
  ids: readonly number[],
): Promise<ClientName[] | null> {
  const rows = await store.byKeys(collection('gold_dim_clients'), ids)
  return (
    rows?.map((row) => ({
      id_client: Number(row.id_client),
      nom: String(row.nom ?? ''),
      pays: String(row.pays ?? ''),
    })) ?? null
  )
}
