/** The data folder's saved watches over the contract: the list (and who runs them) and its changes. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CallInput } from '../../src-preload/contract.ts'
import { useClient } from './hooks.ts'

const WATCHES_KEY = ['watches.list'] as const

/** Read again every few seconds: another process (the CLI) may change the list. */
const REFRESH_MS = 5_000

export function useWatches() {
  const client = useClient()
  return useQuery({
    queryKey: WATCHES_KEY,
    queryFn: () => client.invoke('watches.list', {}),
    refetchInterval: REFRESH_MS,
  })
}

function useWatchChange<N extends 'watches.add' | 'watches.remove'>(name: N) {
  const client = useClient()
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (input: CallInput<N>) => client.invoke(name, input),
    onSuccess: () => queries.invalidateQueries({ queryKey: WATCHES_KEY }),
  })
}

export const useAddWatch = () => useWatchChange('watches.add')
export const useRemoveWatch = () => useWatchChange('watches.remove')
