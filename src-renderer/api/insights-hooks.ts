/**
 * TanStack Query hooks of the Sales, Customers and Cohorts pages. Every key starts with `served`, so a run
 * or a publish that succeeds refreshes them with the rest of the served data (see useTaskEvents). The
 * query options are plain functions of a client, so a test can run them on a fresh QueryClient.
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import type { CallInput, Row } from '../../src-preload/contract.ts'
import type { ClientName, SalesFilter, SalesGrain } from '../../src-preload/contract-insights.ts'
import { MAX_CLIENT_NAMES } from '../../src-preload/names-insights.ts'
import { MAX_PAGE } from '../../src-preload/values.ts'
import type { MedallionClient } from './client.ts'
import { queryKeys, useClient } from './hooks.ts'

/** What the sales filters select: every field of `data.sales` but the grain. */
export type SalesSelection = Omit<SalesFilter, 'grain'>

/** True when the selection narrows the purchases (a date bound, a country or a product). */
export function isSelectionActive(selection: SalesSelection): boolean {
  return Boolean(selection.from || selection.to || selection.pays?.length || selection.produit?.length)
}

export type TableInput = CallInput<'data.table'>

/** One month of revenue and its change from the month before (gold's monthly_growth rule). */
export interface GrowthPoint {
  mois: string
  ca: number
  /** (ca − previous month's ca) / previous month's ca; null for the first month and after a month at 0. */
  growth_pct: number | null
}

export const insightsKeys = {
  table: (input: TableInput) => [...queryKeys.served, 'data.table', input.route, input] as const,
  sales: (filter: SalesFilter) => [...queryKeys.served, 'data.sales', filter] as const,
  monthlyGrowth: (selection: SalesSelection) => [...queryKeys.served, 'monthly-growth', selection] as const,
  filters: [...queryKeys.served, 'data.filters'] as const,
  client: (id: number) => [...queryKeys.served, 'data.client', id] as const,
  clientNames: (ids: readonly number[]) => [...queryKeys.served, 'data.clientNames', ids] as const,
}

export function tableQuery(client: MedallionClient, input: TableInput) {
  return queryOptions({
    queryKey: insightsKeys.table(input),
    queryFn: () => client.invoke('data.table', input),
  })
}

export function salesQuery(client: MedallionClient, filter: SalesFilter) {
  return queryOptions({
    queryKey: insightsKeys.sales(filter),
    queryFn: () => client.invoke('data.sales', filter),
  })
}

export function salesFiltersQuery(client: MedallionClient) {
  return queryOptions({
    queryKey: insightsKeys.filters,
    queryFn: () => client.invoke('data.filters', {}),
  })
}

export function clientDetailQuery(client: MedallionClient, id: number) {
  return queryOptions({
    queryKey: insightsKeys.client(id),
    queryFn: () => client.invoke('data.client', { id_client: id }),
  })
}

/** The names of a list's clients: one `data.clientNames` call (ids sorted, so a re-sort asks nothing new). */
export function clientNamesQuery(client: MedallionClient, ids: readonly number[]) {
  const asked = [...new Set(ids)].sort((a, b) => a - b).slice(0, MAX_CLIENT_NAMES)
  return queryOptions({
    queryKey: insightsKeys.clientNames(asked),
    queryFn: () => client.invoke('data.clientNames', { ids: asked }),
    enabled: asked.length > 0,
  })
}

/** Who each listed client is (gold_dim_clients' name and country), by id; empty until known. */
export function useClientIdentities(ids: readonly number[]): ReadonlyMap<number, ClientName> {
  const client = useClient()
  const names = useQuery(clientNamesQuery(client, ids))
  return new Map((names.data ?? []).map((name) => [name.id_client, name]))
}

/** Gold's monthly_growth rows as growth points (rows without a month or a revenue are left out). */
export function growthFromGold(rows: readonly Row[]): GrowthPoint[] {
  const points: GrowthPoint[] = []
  for (const { mois, ca, growth_pct } of rows) {
    if (typeof mois !== 'string' || typeof ca !== 'number') continue
    points.push({ mois, ca, growth_pct: typeof growth_pct === 'number' ? growth_pct : null })
  }
  return points
}

/** Growth over the selected purchases' months, by gold's rule: against the previous month listed. */
export function growthFromMonths(rows: readonly { key: string; ca: number }[]): GrowthPoint[] {
  return rows.map((row, i) => {
    const previous = i > 0 ? rows[i - 1]?.ca : undefined
    const growth_pct = previous ? (row.ca - previous) / previous : null
    return { mois: row.key, ca: row.ca, growth_pct }
  })
}

/**
 * Revenue per month with its growth. Unfiltered it is gold's monthly_growth as published; once a filter is
 * set, gold has no such table, so the months of `data.sales` get the same rule here. Null: nothing published.
 */
export function monthlyGrowthQuery(client: MedallionClient, selection: SalesSelection) {
  return queryOptions({
    queryKey: insightsKeys.monthlyGrowth(selection),
    queryFn: async (): Promise<GrowthPoint[] | null> => {
      if (!isSelectionActive(selection)) {
        const gold = await client.invoke('data.table', { route: 'monthly_growth', limit: MAX_PAGE })
        return gold && growthFromGold(gold.rows)
      }
      const sales = await client.invoke('data.sales', { ...selection, grain: 'month' })
      return sales && growthFromMonths(sales.rows)
    },
  })
}

/** One list route of the served gold. `keepPrevious` keeps a page on screen while the next one loads. */
export function useServedTable(input: TableInput, { keepPrevious = false } = {}) {
  const client = useClient()
  return useQuery({
    ...tableQuery(client, input),
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  })
}

/** The selected purchases grouped by `grain`; the previous answer stays shown while a new filter loads. */
export function useSales(selection: SalesSelection, grain: SalesGrain) {
  const client = useClient()
  return useQuery({ ...salesQuery(client, { ...selection, grain }), placeholderData: keepPreviousData })
}

export function useMonthlyGrowth(selection: SalesSelection) {
  const client = useClient()
  return useQuery({ ...monthlyGrowthQuery(client, selection), placeholderData: keepPreviousData })
}

/** The countries, products and date range the sales filters offer. */
export function useSalesFilters() {
  const client = useClient()
  return useQuery(salesFiltersQuery(client))
}

/** One client in detail: who they are, their last 12 months, all time, and their scores. */
export function useClientDetail(id: number) {
  const client = useClient()
  return useQuery(clientDetailQuery(client, id))
}

/** Scores read for the histogram and the scatter: the original read up to 5000 (/scores' default limit). */
export const SCORE_SAMPLE = 5_000

export const SEGMENTS_INPUT: TableInput = { route: 'segments' }
export const SCORE_SAMPLE_INPUT: TableInput = { route: 'scores', sort: 'id_client:asc', limit: SCORE_SAMPLE }

/** Every segment's summary, most expected value first (one request for the chart, the table and the filters). */
export function useSegments() {
  return useServedTable(SEGMENTS_INPUT)
}

/** Up to SCORE_SAMPLE clients' scores, by id (ids carry no order of value, so a cut is an unbiased sample). */
export function useScoreSample() {
  return useServedTable(SCORE_SAMPLE_INPUT)
}

/** New clients and their revenue per first-purchase month, oldest first. */
export function useCohorts() {
  return useServedTable({ route: 'cohort', sort: 'first_purchase_month:asc', limit: MAX_PAGE })
}

/** Cohort retention: one row per first-purchase month and month offset, cohort then offset. */
export function useRetention() {
  return useServedTable({ route: 'retention', limit: MAX_PAGE })
}
