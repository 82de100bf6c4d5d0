/** The contract's insights calls, answered through the core. */
import type { INSIGHTS_CALLS } from '../../../src-preload/names-insights.ts'
import type { Core } from '../app-core.ts'
import type { HandlersOf } from '../rpc.ts'

export function insightsHandlers(_core: Core): HandlersOf<typeof INSIGHTS_CALLS> {
  return {}
}
