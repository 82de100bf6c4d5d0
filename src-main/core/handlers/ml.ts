/** The contract's ml calls, answered through the core. */
import type { ML_CALLS } from '../../../src-preload/names-ml.ts'
import type { Core } from '../app-core.ts'
import type { HandlersOf } from '../rpc.ts'

export function mlHandlers(_core: Core): HandlersOf<typeof ML_CALLS> {
  return {}
}
