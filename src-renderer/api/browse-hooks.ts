/**
 * TanStack Query hooks of the data browser. A page keeps the previous one on screen while the next loads
 * (keepPreviousData); the stats, which may scan the table, are asked for on demand. Keys start with
 * `browse`, refreshed when a run commits (new tables) like the served data.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { CallInput } from '../../src-preload/contract.ts'
import { useClient } from './hooks.ts'

export type BrowsePageInput = CallInput<'data.browse'>
export type BrowseStatsInput = CallInput<'data.browseStats'>

export const browseKeys = {
  all: ['browse'] as const,
  tables: (run?: string) => ['browse', 'tables', run ?? 'current'] as const,
  page: (input: BrowsePageInput) => ['browse', 'page', input] as const,
  stats: (input: BrowseStatsInput) => ['browse', 'stats', input] as const,
}

export function useBrowseTables(run?: string) {
  const client = useClient()
  return useQuery({
    queryKey: browseKeys.tables(run),
    queryFn: () => client.invoke('data.browseTables', run ? { run } : {}),
  })
}

export function useBrowsePage(input: BrowsePageInput | undefined) {
  const client = useClient()
  return useQuery({
    queryKey: browseKeys.page(input ?? { source: { layer: 'gold', table: '' } }),
    queryFn: () => client.invoke('data.browse', input as BrowsePageInput),
    enabled: input !== undefined,
    placeholderData: keepPreviousData,
    // A bad filter is the user's to fix: no retries.
    retry: false,
  })
}

export function useBrowseStats(input: BrowseStatsInput | undefined) {
  const client = useClient()
  return useQuery({
    queryKey: browseKeys.stats(input ?? { source: { layer: 'gold', table: '' } }),
    queryFn: () => client.invoke('data.browseStats', input as BrowseStatsInput),
    enabled: input !== undefined,
    retry: false,
  })
}
