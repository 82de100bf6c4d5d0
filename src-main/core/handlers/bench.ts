/** The contract's bench calls, answered through the core. */
import type { BENCH_CALLS } from '../../../src-preload/names-bench.ts'
import type { Core } from '../app-core.ts'
import type { HandlersOf } from '../rpc.ts'

export function benchHandlers(_core: Core): HandlersOf<typeof BENCH_CALLS> {
  return {}
}
