/**
 * The dashboard's data (issue 5) on the embedded store, at the original's size with 5 % dirty rows, through
 * the contract (validation included) and the read API: `data.sales` for every grain and sample filter,
 * `data.filters`, `data.client`, and the cohort_retention table, each against a plain pass over gold's rows.
 */
import { join } from 'node:path'
import type pl from 'nodejs-polars'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningApi, startApi } from '../src-main/core/api/server.ts'
import { LocalLake } from '../src-main/core/lake/local-lake.ts'
import { dispatch, unwrap } from '../src-main/core/rpc.ts'
import type { CallInput, CallName, CallOutput, RunRecord } from '../src-preload/contract.ts'
import { SALES_FILTER_MAX, SALES_GRAINS, type SalesFilter } from '../src-preload/contract-insights.ts'
import { type Gold, readGold } from './helpers/gold-run.ts'
import { getJson } from './helpers/http.ts'
import { referenceRetention } from './helpers/retention-reference.ts'
import {
  expectSameSales,
  type FactRow,
  factRows,
  referenceSales,
  sampleFilters,
} from './helpers/sales-reference.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

const dataDir = tempDir('medallion-insights-')
const core = testCore(dataDir)
const emptyCore = testCore(tempDir('medallion-insights-empty-'))

function ask<N extends CallName>(name: N, input: CallInput<N>, on = core): Promise<CallOutput<N>> {
  return dispatch(on.handlers, name, input).then((envelope) => unwrap(envelope) as CallOutput<N>)
}

function refusal<N extends CallName>(name: N, input: unknown): Promise<{ code: string; message: string }> {
  return dispatch(core.handlers, name, input).then((envelope) => {
    if (!('error' in envelope)) throw new Error(`${name} accepted ${JSON.stringify(input)}`)
    return envelope.error
  })
}

describe('dashboard data on the embedded store (original size, 5 % dirty rows)', () => {
  let run: RunRecord
  let gold: Gold
  let rows: FactRow[]
  let api: RunningApi
  const bins = () =>
    (gold.tables.distribution as pl.DataFrame).sort('bin').toRecords() as unknown as Parameters<
      typeof referenceSales
    >[1]

  beforeAll(async () => {
    await core.sources.generate({ seed: 42, dirtyShare: 0.05 }).done
    run = await core.pipeline.start({ from: 'bronze' }).done
    gold = readGold(new LocalLake(join(dataDir, 'lake')), run)
    rows = factRows(gold.tables.fact_achats as pl.DataFrame)
    api = await startApi({
      handlers: core.handlers,
      store: () => core.serving.store,
      events: core.events,
      port: 0,
    })
  }, 300_000)

  afterAll(async () => {
    await api?.close()
  })

  it('runs on dirty sources: silver dropped rows, gold keeps the clean purchases', () => {
    const dropped = Object.values(run.quality).flatMap((counters) =>
      Object.entries(counters).filter(([name]) => name.startsWith('dropped_')),
    )
    const rejected = dropped.reduce((sum, [, count]) => sum + count, 0)
    expect(rejected).toBeGreaterThan(0)
    expect(rows.length).toBe(run.tables['gold/fact_achats'])
    expect(rows.length).toBeGreaterThan(20_000)
  })

  it('data.sales: every grain under every sample filter, as a plain pass over the fact', async () => {
    for (const sample of sampleFilters(rows)) {
      for (const grain of SALES_GRAINS) {
        const filter: SalesFilter = { ...sample, grain }
        expectSameSales(
          await ask('data.sales', filter),
          referenceSales(rows, bins(), filter),
          JSON.stringify(filter),
        )
      }
    }
  })

  it('data.sales: unfiltered groups agree with gold’s own aggregate tables', async () => {
    const byMonth = await ask('data.sales', { grain: 'month' })
    const monthly = (gold.tables.ca_monthly as pl.DataFrame).toRecords()
    expect(byMonth?.rows.map((r) => r.key)).toEqual(monthly.map((m) => m.mois))
    const byWeek = await ask('data.sales', { grain: 'week' })
    const weekly = (gold.tables.weekly as pl.DataFrame).toRecords()
    expect(byWeek?.rows.map((r) => [r.key, r.nb_achats])).toEqual(
      weekly.map((w) => [w.semaine, Number(w.achats)]),
    )
    const basket = await ask('data.sales', { grain: 'basket' })
    const distribution = (gold.tables.distribution as pl.DataFrame).sort('bin').toRecords()
    expect(basket?.rows.map((r) => [r.key, r.nb_achats])).toEqual(
      distribution.map((d) => [d.bucket, Number(d.count)]),
    )
    expect(basket?.totals.nb_achats).toBe(gold.kpis.total_achats)
    expect(basket?.totals.clients).toBe(gold.kpis.total_clients)
  })

  it('data.sales: an empty list is no filter; repeats and order do not matter', async () => {
    const all = await ask('data.sales', { grain: 'country' })
    expect(await ask('data.sales', { grain: 'country', pays: [], produit: [] })).toEqual(all)
    const [a, b] = (all?.rows ?? []).map((r) => r.key)
    expect(
      await ask('data.sales', { grain: 'month', pays: [b as string, a as string, b as string] }),
    ).toEqual(await ask('data.sales', { grain: 'month', pays: [a as string, b as string] }))
  })

  it('data.sales refuses bad input, naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /grain/],
      [{ grain: 'year' }, /grain/],
      [{ grain: 'day', from: '2024-13-01' }, /from/],
      [{ grain: 'day', to: '2024-02-30' }, /to: a day that exists/],
      [{ grain: 'day', from: '01/02/2024' }, /from: a day as YYYY-MM-DD/],
      [{ grain: 'day', from: '2024-03-01', to: '2024-02-01' }, /from must not be after to/],
      [{ grain: 'day', pays: Array.from({ length: SALES_FILTER_MAX + 1 }, (_, i) => `P${i}`) }, /pays/],
      [{ grain: 'day', produit: ['x'.repeat(129)] }, /produit\.0/],
      [{ grain: 'day', produit: [''] }, /produit\.0/],
      [{ grain: 'day', shop: 'x' }, /shop/],
    ]
    for (const [input, message] of cases) {
      const error = await refusal('data.sales', input)
      expect(error.code, JSON.stringify(input)).toBe('invalid_input')
      expect(error.message, JSON.stringify(input)).toMatch(message)
    }
  })

  it('data.filters: the countries, products and first and last days of the fact', async () => {
    const distinct = (values: string[]) => [...new Set(values)].sort()
    const days = distinct(rows.map((r) => r.day))
    expect(await ask('data.filters', {})).toEqual({
      pays: distinct(rows.map((r) => r.pays)),
      produit: distinct(rows.map((r) => r.produit)),
      from: days[0],
      to: days.at(-1),
    })
  })

  it('data.client: the client’s dimension, features and scores rows; not_found for an unknown id', async () => {
    const scores = gold.tables.client_scores as pl.DataFrame
    const id = Number(scores.getColumn('id_client').get(0))
    const detail = await ask('data.client', { id_client: id })
    const dim = (gold.tables.dim_clients as pl.DataFrame).toRecords().find((r) => Number(r.id_client) === id)
    expect(detail?.dim?.id_client).toBe(id)
    expect(detail?.dim?.email).toBe(dim?.email)
    expect(detail?.features?.id_client).toBe(id)
    expect(detail?.scores?.segment_label).toBe(scores.getColumn('segment_label').get(0))
    expect(detail?.predictions).toBeNull()
    const unknown = Math.max(...rows.map((r) => r.id_client)) + 1_000
    expect(await refusal('data.client', { id_client: unknown })).toEqual({
      code: 'not_found',
      message: `no client with id_client ${unknown} in the served gold`,
    })
    expect((await refusal('data.client', { id_client: '7' })).code).toBe('invalid_input')
    expect((await refusal('data.client', { id_client: 1.5 })).code).toBe('invalid_input')
  })

  it('cohort_retention: as a plain pass over the fact, served by data.table and /retention', async () => {
    const expected = referenceRetention(rows.map((r) => ({ client: r.id_client, at: r.day })))
    expect((gold.tables.cohort_retention as pl.DataFrame).toRecords()).toEqual(expected)
    const served = await ask('data.table', { route: 'retention' })
    expect(served?.rows).toEqual(expected)
    const atZero = expected.filter((r) => r.month_offset === 0)
    expect(atZero.every((r) => r.retention === 1)).toBe(true)
    expect(atZero.reduce((sum, r) => sum + (r.cohort_size as number), 0)).toBe(gold.kpis.total_clients)
    const { status, body } = await getJson(api.url, '/retention?month_offset=1&sort=retention:desc&limit=3')
    expect(status).toBe(200)
    const offsetOne = expected
      .filter((r) => r.month_offset === 1)
      .sort(
        (a, b) =>
          (b.retention as number) - (a.retention as number) || (String(a.cohort) < String(b.cohort) ? -1 : 1),
      )
    expect(body.data).toEqual(offsetOne.slice(0, 3))
  })

  it('GET /sales: the same answer as data.sales, lists as commas or repeats', async () => {
    const [first, second] = [...new Set(rows.map((r) => r.pays))].sort()
    const filter: SalesFilter = {
      grain: 'product',
      from: rows[0]?.day,
      pays: [first as string, second as string],
    }
    const expected = await ask('data.sales', filter)
    for (const query of [
      `grain=product&from=${filter.from}&pays=${encodeURIComponent(`${first},${second}`)}`,
      `grain=product&from=${filter.from}&pays=${encodeURIComponent(first as string)}&pays=${encodeURIComponent(second as string)}`,
    ]) {
      const { status, body } = await getJson(api.url, `/sales?${query}`)
      expect(status, query).toBe(200)
      expect(body).toEqual({
        data: expected?.rows,
        totals: expected?.totals,
        meta: { grain: 'product', count: expected?.rows.length, query_ms: expect.any(Number) },
      })
    }
  })

  it('GET /sales answers 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['', 'grain'],
      ['grain=hour', 'grain'],
      ['grain=day&from=2024-02-30', 'from'],
      ['grain=day&to=yesterday', 'to'],
      ['grain=day&from=2024-02-02&to=2024-02-01', 'from'],
      ['grain=day&from=2024-01-01&from=2024-02-01', 'from'],
      ['grain=day&pays=', 'pays'],
      ['grain=day&limit=3', 'limit'],
    ]
    for (const [query, param] of cases) {
      const { status, body } = await getJson(api.url, `/sales?${query}`)
      expect(status, query).toBe(400)
      expect(body.param, query).toBe(param)
      expect(body.error, query).toContain(param)
    }
  })

  it('GET /openapi.json describes /sales', async () => {
    const { body } = await getJson(api.url, '/openapi.json')
    const op = body.paths['/sales'].get
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual([
      'grain',
      'from',
      'to',
      'pays',
      'produit',
    ])
    expect(body.components.schemas.SalesAnswer.required).toEqual(['data', 'totals', 'meta'])
  })

  it('says nothing is published: null answers, 503 on /sales', async () => {
    expect(await ask('data.sales', { grain: 'month' }, emptyCore)).toBeNull()
    expect(await ask('data.filters', {}, emptyCore)).toBeNull()
    expect(await ask('data.client', { id_client: 1 }, emptyCore)).toBeNull()
    const emptyApi = await startApi({
      handlers: emptyCore.handlers,
      store: () => emptyCore.serving.store,
      events: emptyCore.events,
      port: 0,
    })
    try {
      const { status, body } = await getJson(emptyApi.url, '/sales?grain=month')
      expect(status).toBe(503)
      expect(body.collection).toBe('gold_fact_achats')
    } finally {
      await emptyApi.close()
    }
  })
})
