/** The data folder's schedules over the contract: the list (with next run times and who runs them) and its changes. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CallInput } from '../../src-preload/contract.ts'
import { useClient } from './hooks.ts'

const SCHEDULES_KEY = ['schedules.list'] as const

/** Read again every few seconds: next run times move on, and another process may change the list. */
const REFRESH_MS = 5_000

export function useSchedules() {
  const client = useClient()
  return useQuery({
    queryKey: SCHEDULES_KEY,
    queryFn: () => client.invoke('schedules.list', {}),
    refetchInterval: REFRESH_MS,
  })
}

function useScheduleChange<
  N extends 'schedules.add' | 'schedules.pause' | 'schedules.resume' | 'schedules.remove',
>(name: N) {
  const client = useClient()
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (input: CallInput<N>) => client.invoke(name, input),
    onSuccess: () => queries.invalidateQueries({ queryKey: SCHEDULES_KEY }),
  })
}

export const useAddSchedule = () => useScheduleChange('schedules.add')
export const usePauseSchedule = () => useScheduleChange('schedules.pause')
export const useResumeSchedule = () => useScheduleChange('schedules.resume')
export const useRemoveSchedule = () => useScheduleChange('schedules.remove')
