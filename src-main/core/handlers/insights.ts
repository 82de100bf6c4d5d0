/** The contract's insights calls, answered through the core's current serving store. */
import type { INSIGHTS_CALLS } from '../../../src-preload/names-insights.ts'
import type { Core } from '../app-core.ts'
import type { HandlersOf } from '../rpc.ts'
import { clientDetail } from '../serving/client-detail.ts'
import { clientNames } from '../serving/client-names.ts'
import { salesFilters } from '../serving/sales-filters.ts'

export function insightsHandlers(core: Core): HandlersOf<typeof INSIGHTS_CALLS> {
  return {
    'data.sales': (filter) => core.serving.store.sales(filter),
    'data.filters': () => salesFilters(core.serving.store),
    'data.client': ({ id_client }) => clientDetail(core.serving.store, id_client),
    'data.clientNames': ({ ids }) => clientNames(core.serving.store, ids),
  }
}
