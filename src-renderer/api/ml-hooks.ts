/**
 * TanStack Query hooks of the Models page: the recorded trainings with MLflow's status, starting a
 * training, and reading the trainings again when one ends.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { CallInput } from '../../src-preload/contract.ts'
import { ML_TASK_KIND } from '../../src-preload/names-ml.ts'
import { queryKeys, useClient } from './hooks.ts'

export const mlQueryKeys = {
  runs: ['ml.runs'] as const,
}

/** Trainings shown on the page: enough for a long history, small enough to send at once. */
const RUNS_SHOWN = 100

export function useMlRuns() {
  const client = useClient()
  return useQuery({
    queryKey: mlQueryKeys.runs,
    queryFn: () => client.invoke('ml.runs', { limit: RUNS_SHOWN }),
  })
}

export function useTrainModel() {
  const client = useClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: CallInput<'ml.train'>) => client.invoke('ml.train', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
  })
}

/** A training that ends has added a record: read the trainings again. */
export function useMlRunsRefresh(): void {
  const client = useClient()
  const queryClient = useQueryClient()
  useEffect(
    () =>
      client.subscribe('task.changed', (task) => {
        if (task.kind === ML_TASK_KIND && task.state !== 'running') {
          void queryClient.invalidateQueries({ queryKey: mlQueryKeys.runs })
        }
      }),
    [client, queryClient],
  )
}
