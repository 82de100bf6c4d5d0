/** The contract's calls that inspect runs: rejects by reason, two runs compared (Polars over the lake). */
import type { RUNS_CALLS } from '../../../src-preload/names-runs.ts'
import type { Core } from '../app-core.ts'
import type { HandlersOf } from '../rpc.ts'
import { compareRuns } from '../runs/run-compare.ts'
import { runRejects } from '../runs/run-rejects.ts'

export function runsHandlers(core: Pick<Core, 'lake'>): HandlersOf<typeof RUNS_CALLS> {
  return {
    'pipeline.rejects': ({ runId, perReason }) => runRejects(core.lake, runId, perReason),
    'pipeline.compare': ({ a, b }) => compareRuns(core.lake, a, b),
  }
}
