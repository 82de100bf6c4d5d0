/** The contract's bench calls, answered through the core. */
import type { BENCH_CALLS } from '../../../src-preload/names-bench.ts'
import type { Core } from '../app-core.ts'
import { readBenchHistory } from '../bench/bench-history.ts'
import { startBench } from '../bench/bench-task.ts'
import { benchReference } from '../bench/reference.ts'
import type { HandlersOf } from '../rpc.ts'

export function benchHandlers(core: Core): HandlersOf<typeof BENCH_CALLS> {
  return {
    'bench.run': async (args) => ({
      taskId: startBench(core, args).task.id,
    }),
    'bench.history': async (args) => ({
      results: await readBenchHistory(core, args),
      reference: benchReference(),
    }),
  }
}
