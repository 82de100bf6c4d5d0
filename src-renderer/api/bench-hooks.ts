/**
 * TanStack Query hooks of the Benchmarks page: the history (with the original's reference figures),
 * starting a benchmark, and re-reading the history when a benchmark task ends.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { CallInput } from '../../src-preload/contract.ts'
import { BENCH_TASK_KIND } from '../../src-preload/values.ts'
import { queryKeys, useClient } from './hooks.ts'

export const benchQueryKeys = {
  history: ['bench.history'] as const,
}

export function useBenchHistory() {
  const client = useClient()
  return useQuery({
    queryKey: benchQueryKeys.history,
    queryFn: () => client.invoke('bench.history', {}),
  })
}

export function useRunBench() {
  const client = useClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: CallInput<'bench.run'>) => client.invoke('bench.run', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
  })
}

/** A benchmark that ends may have recorded a result: read the history again. */
export function useBenchHistoryRefresh(): void {
  const client = useClient()
  const queryClient = useQueryClient()
  useEffect(
    () =>
      client.subscribe('task.changed', (task) => {
        if (task.kind === BENCH_TASK_KIND && task.state !== 'running') {
          void queryClient.invalidateQueries({ queryKey: benchQueryKeys.history })
        }
      }),
    [client, queryClient],
  )
}
