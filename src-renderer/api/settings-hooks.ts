/** Settings over the contract: the effective values with their sources, and saving changes. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CallInput } from '../../src-preload/contract.ts'
import { useClient } from './hooks.ts'

export const settingsKeys = { settings: ['settings.get'] as const }

export function useSettings() {
  const client = useClient()
  return useQuery({ queryKey: settingsKeys.settings, queryFn: () => client.invoke('settings.get', {}) })
}

export function useSaveSettings() {
  const client = useClient()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (change: CallInput<'settings.set'>) => client.invoke('settings.set', change),
    // The call answers with the settings as they now are.
    onSuccess: (view) => queryClient.setQueryData(settingsKeys.settings, view),
  })
}
