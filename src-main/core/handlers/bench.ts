/** The contract's bench calls, answered through the core. */
import type { BENCH_CALLS } from '../../../src-preload/names-bench.ts'
import type { Core } from '../app-core.ts'
import { readBenchHistory } from '../bench/bench-history.ts'
import { startBench } from '../bench/bench-task.ts'
import { benchReference } from '../bench/reference.ts'
import type { HandlersOf } from '../rpc.ts'

/**
 * The built pipeline-benchmark child, when the app is bundled (Electron passes it as `benchChildScript`
 * in the core's options); from the source tree the child runs through tsx and none is needed.
 */
function benchChildScript(core: Core): string | URL | undefined {
  return core.options.benchChildScript
}

export function benchHandlers(core: Core): HandlersOf<typeof BENCH_CALLS> {
  return {
    'bench.run': async (args) => ({
      taskId: startBench(core, args, { childScript: benchChildScript(core) }).task.id,
    }),
    'bench.history': async (args) => ({
      results: await readBenchHistory(core, args),
      reference: benchReference(),
    }),
  }
}
