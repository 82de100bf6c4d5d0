/** Inspecting runs over the contract: one run's record, its rejects by reason, two runs compared. */
import { useQuery } from '@tanstack/react-query'
import type { RunRecord } from '../../src-preload/contract.ts'
import { queryKeys, useClient } from './hooks.ts'

/** Runs the history keeps at most: a run's record is looked up among them. */
const KEPT_RUNS = 1000

/** One run's record (`null` when the history does not have it, e.g. pruned). */
export function useRun(runId: string) {
  const client = useClient()
  return useQuery({
    // Under the runs' key, so a committed run refreshes the detail with the history.
    queryKey: [...queryKeys.runs, 'one', runId],
    queryFn: async (): Promise<RunRecord | null> =>
      (await client.invoke('pipeline.runs', { limit: KEPT_RUNS })).find((r) => r.runId === runId) ?? null,
  })
}

export function useRunRejects(runId: string) {
  const client = useClient()
  return useQuery({
    queryKey: [...queryKeys.runs, 'rejects', runId],
    queryFn: () => client.invoke('pipeline.rejects', { runId }),
  })
}

export function useRunComparison(a: string, b: string) {
  const client = useClient()
  return useQuery({
    queryKey: [...queryKeys.runs, 'compare', a, b],
    queryFn: () => client.invoke('pipeline.compare', { a, b }),
  })
}
