/**
 * The stack over the contract: status kept live by the `stack.changed` event, Up / Down / Reset as tasks
 * (their progress arrives through the task events), the reset preview, and a service's log lines polled
 * while its panel is open.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { CallInput, ResetScope } from '../../src-preload/contract.ts'
import { queryKeys, useClient } from './hooks.ts'

export const stackKeys = {
  status: ['stack.status'] as const,
  resetPreview: (scope: ResetScope) => ['stack.resetPreview', scope] as const,
  logs: (input: CallInput<'stack.logs'>) => ['stack.logs', input] as const,
}

/** How often an open log panel asks for new lines. */
export const LOG_POLL_MS = 2_000

export function useStackStatus() {
  const client = useClient()
  const queryClient = useQueryClient()
  useEffect(() => {
    const offChanged = client.subscribe('stack.changed', (status) =>
      queryClient.setQueryData(stackKeys.status, status),
    )
    // A stack task that ends has changed the containers; re-read in case no engine event said so.
    const offTask = client.subscribe('task.changed', (task) => {
      if (task.kind === 'stack' && task.state !== 'running') {
        void queryClient.invalidateQueries({ queryKey: stackKeys.status })
      }
    })
    return () => {
      offChanged()
      offTask()
    }
  }, [client, queryClient])
  return useQuery({ queryKey: stackKeys.status, queryFn: () => client.invoke('stack.status', {}) })
}

/** Starts a stack task (Up, Down, Reset) and shows it in the task list at once. */
function useStackTask<I>(start: (input: I) => Promise<{ taskId: string }>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: start,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
  })
}

export function useStackUp() {
  const client = useClient()
  return useStackTask((input: CallInput<'stack.up'>) => client.invoke('stack.up', input))
}

export function useStackDown() {
  const client = useClient()
  // biome-ignore lint/suspicious/noConfusingVoidType: Down takes no input, so mutate() needs no argument
  return useStackTask((_: void) => client.invoke('stack.down', {}))
}

/** Deletes what the preview of `scope` listed: the caller has shown it and had it confirmed. */
export function useStackReset() {
  const client = useClient()
  return useStackTask((scope: ResetScope) => client.invoke('stack.reset', { scope, confirm: true }))
}

/** What a reset of `scope` would delete now; read afresh each time the dialog asks. */
export function useResetPreview(scope: ResetScope, enabled: boolean) {
  const client = useClient()
  return useQuery({
    queryKey: stackKeys.resetPreview(scope),
    queryFn: () => client.invoke('stack.resetPreview', { scope }),
    enabled,
    staleTime: 0,
    gcTime: 0,
  })
}

/** A service's recent lines, asked again every LOG_POLL_MS while `open`. */
export function useServiceLogs(input: CallInput<'stack.logs'>, open: boolean) {
  const client = useClient()
  return useQuery({
    queryKey: stackKeys.logs(input),
    queryFn: () => client.invoke('stack.logs', input),
    enabled: open,
    refetchInterval: open ? LOG_POLL_MS : false,
    // A new search keeps the old lines on screen until the answer arrives.
    placeholderData: keepPreviousData,
  })
}
