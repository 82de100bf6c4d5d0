/**
 * The insights pages' data layer without a browser: the query options of insights-hooks.ts run on a fresh
 * QueryClient against a real core (its handlers through the same dispatcher as IPC and HTTP), and the pure
 * helpers behind the charts (growth, probability bins, sampling, the retention grid, filter and sort edits).
 */
import { QueryClient } from '@tanstack/react-query'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../src-main/core/app-core.ts'
import { dispatch, unwrap } from '../src-main/core/rpc.ts'
import type { MedallionClient } from '../src-renderer/api/client.ts'
import { queryKeys } from '../src-renderer/api/hooks.ts'
import {
  clientDetailQuery,
  growthFromMonths,
  isSelectionActive,
  monthlyGrowthQuery,
  salesQuery,
  tableQuery,
} from '../src-renderer/api/insights-hooks.ts'
import { retentionGrid } from '../src-renderer/components/insights/cohorts/retention-grid.ts'
import { probabilityHistogram } from '../src-renderer/components/insights/customers/probability-bins.ts'
import { nextSort } from '../src-renderer/components/insights/SortHeader.tsx'
import { withCountries, withFrom, withTo } from '../src-renderer/components/insights/sales/selection.ts'
import { evenSample } from '../src-renderer/components/insights/sampling.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

/** The renderer's client interface bound straight to the core's handlers (what IPC and /rpc carry). */
function coreClient(core: Core): MedallionClient {
  return {
    invoke: (async (name: string, input?: unknown) =>
      unwrap(await dispatch(core.handlers, name, input ?? {}))) as MedallionClient['invoke'],
    subscribe: () => () => {},
  }
}

describe('insights queries on a real core', () => {
  let client: MedallionClient

  beforeAll(async () => {
    const core = testCore(tempDir('medallion-insights-hooks-'))
    await core.sources.generate({ clients: 150 }).done
    await core.pipeline.start({ from: 'bronze' }).done
    client = coreClient(core)
  }, 120_000)

  it('keys every query under `served`, so a succeeded run refreshes them', () => {
    for (const options of [
      tableQuery(client, { route: 'retention' }),
      salesQuery(client, { grain: 'month' }),
      monthlyGrowthQuery(client, {}),
      clientDetailQuery(client, 1),
    ]) {
      expect(options.queryKey.slice(0, 1)).toEqual([...queryKeys.served])
    }
  })

  it("unfiltered, monthly growth is gold's monthly_growth; filtered, the same rule on data.sales' months", async () => {
    const queryClient = new QueryClient()
    const gold = await queryClient.fetchQuery(monthlyGrowthQuery(client, {}))
    const table = await client.invoke('data.table', { route: 'monthly_growth', limit: 1000 })
    expect(gold?.map((p) => [p.mois, p.ca, p.growth_pct])).toEqual(
      table?.rows.map((r) => [r.mois, r.ca, r.growth_pct]),
    )

    // Unfiltered, the rule applied to data.sales' months gives gold's figures back.
    const months = await queryClient.fetchQuery(salesQuery(client, { grain: 'month' }))
    const recomputed = growthFromMonths(months?.rows ?? [])
    expect(recomputed.map((p) => p.mois)).toEqual(gold?.map((p) => p.mois))
    recomputed.forEach((point, i) => {
      const expected = gold?.[i]?.growth_pct
      if (expected === null || expected === undefined) expect(point.growth_pct).toBeNull()
      else expect(point.growth_pct).toBeCloseTo(expected, 9)
    })

    const filters = await client.invoke('data.filters', {})
    const country = filters?.pays[0] as string
    const filtered = await queryClient.fetchQuery(monthlyGrowthQuery(client, { pays: [country] }))
    const countryMonths = await client.invoke('data.sales', { grain: 'month', pays: [country] })
    expect(filtered).toEqual(growthFromMonths(countryMonths?.rows ?? []))
    expect(filtered?.[0]?.growth_pct).toBeNull()
  })

  it("reads a client's detail, and says when the id is unknown", async () => {
    const queryClient = new QueryClient()
    const top = await client.invoke('data.table', { route: 'scores', limit: 1 })
    const id = Number(top?.rows[0]?.id_client)
    const detail = await queryClient.fetchQuery(clientDetailQuery(client, id))
    expect(detail?.scores?.expected_value_12m).toBe(top?.rows[0]?.expected_value_12m)
    expect(detail?.dim?.id_client).toBe(id)
    await expect(
      queryClient.fetchQuery({ ...clientDetailQuery(client, 99_999_999), retry: false }),
    ).rejects.toMatchObject({
      code: 'not_found',
    })
  })
})

describe('chart helpers', () => {
  it('computes growth against the month listed before, null after a month at 0', () => {
    expect(
      growthFromMonths([
        { key: '2024-01', ca: 100 },
        { key: '2024-02', ca: 150 },
        { key: '2024-03', ca: 0 },
        { key: '2024-04', ca: 50 },
      ]).map((p) => p.growth_pct),
    ).toEqual([null, 0.5, -1, null])
  })

  it('bins probabilities in twentieths, 1 in the last bin', () => {
    const bins = probabilityHistogram([0, 0.049, 0.05, 0.5, 0.999, 1, Number.NaN])
    expect(bins).toHaveLength(20)
    expect(bins[0]).toMatchObject({ label: '0.00–0.05', clients: 2 })
    expect(bins[1]?.clients).toBe(1)
    expect(bins[10]?.clients).toBe(1)
    expect(bins[19]).toMatchObject({ label: '0.95–1.00', clients: 2 })
    expect(bins.reduce((sum, b) => sum + b.clients, 0)).toBe(6)
  })

  it('samples evenly, keeping the first and the last item', () => {
    const items = Array.from({ length: 10_001 }, (_, i) => i)
    const sample = evenSample(items, 2_000)
    expect(sample).toHaveLength(2_000)
    expect(sample[0]).toBe(0)
    expect(sample.at(-1)).toBe(10_000)
    expect(evenSample([1, 2, 3], 2_000)).toEqual([1, 2, 3])
  })

  it('pivots retention into cohorts × offsets with a pooled row for all cohorts', () => {
    const row = (cohort: string, month_offset: number, active_clients: number, cohort_size: number) => ({
      cohort,
      month_offset,
      active_clients,
      cohort_size,
      retention: active_clients / cohort_size,
    })
    const grid = retentionGrid([row('2024-02', 0, 4, 4), row('2024-01', 0, 10, 10), row('2024-01', 1, 5, 10)])
    expect(grid.offsets).toEqual([0, 1])
    expect(grid.cohorts.map((c) => [c.cohort, c.size])).toEqual([
      ['2024-01', 10],
      ['2024-02', 4],
    ])
    expect(grid.cohorts[1]?.cells[1]).toBeNull()
    expect(grid.overall.map((c) => c?.retention)).toEqual([1, 0.5])
  })

  it('keeps a date range valid and drops empty filters', () => {
    expect(withFrom({ to: '2024-01-10' }, '2024-02-01')).toEqual({ from: '2024-02-01', to: '2024-02-01' })
    expect(withTo({ from: '2024-03-01' }, '2024-02-01')).toEqual({ from: '2024-02-01', to: '2024-02-01' })
    expect(withFrom({ from: '2024-03-01' }, '')).toEqual({})
    expect(withCountries({ pays: ['France'] }, [])).toEqual({})
    expect(isSelectionActive({})).toBe(false)
    expect(isSelectionActive({ produit: ['Laptop'] })).toBe(true)
  })

  it('sorts a new column in its first direction and flips the current one', () => {
    expect(nextSort({ field: 'a', dir: 'desc' }, 'b', 'asc')).toEqual({ field: 'b', dir: 'asc' })
    expect(nextSort({ field: 'b', dir: 'asc' }, 'b', 'desc')).toEqual({ field: 'b', dir: 'desc' })
  })
})
