/**
 * One suite every ServingStore must pass: it answers exactly as the gold it serves says — every list
 * route's rows in the default order and sorted by every field both ways (ties by the key ascending, nulls
 * lowest as in MongoDB), pages that add up to the whole, filters and totals, the KPIs, the distribution in
 * numeric order, and null for a store with nothing published; and the issue 5 calls (`sales` by every grain
 * under sample filters, the filter choices, one client in detail) against a plain pass over the gold rows.
 *
 * Plugging in another store (e.g. MongoStore): in its own test file, build gold with a real pipeline run
 * (`goldRun()` from ./gold-run.ts), publish it into a fresh database, and call
 *
 *   describeStoreSuite('MongoStore', async () => ({
 *     store,                          // serving what was published
 *     gold,                           // what `goldRun().ready()` read back: the expected answers
 *     empty,                          // the same kind of store over an empty database
 *     teardown: async () => { await store.close(); await empty.close(); await server.stop() },
 *   }))
 *
 * The expected answers are computed here with Polars from the gold frames, independently of any store.
 */
import pl from 'nodejs-polars'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientDetail } from '../../src-main/core/serving/client-detail.ts'
import { clientNames } from '../../src-main/core/serving/client-names.ts'
import {
  type CollectionSpec,
  collection,
  collectionForRoute,
} from '../../src-main/core/serving/collections.ts'
import { toJsonValue } from '../../src-main/core/serving/json-values.ts'
import { salesFilters } from '../../src-main/core/serving/sales-filters.ts'
import type { ListQuery, Row, ServingStore } from '../../src-main/core/serving/serving-store.ts'
import { DATA_ROUTES, MAX_PAGE } from '../../src-preload/contract.ts'
import type { Gold } from './gold-run.ts'
import { expectSameSales, factRows, referenceSales, sampleQueries } from './sales-reference.ts'

export interface StoreFixture {
  store: ServingStore
  gold: Gold
  /** A store of the same kind with nothing published. */
  empty: ServingStore
  teardown(): Promise<void>
}

function routeSpec(route: string): CollectionSpec {
  const spec = collectionForRoute(`/${route}`)
  if (!spec) throw new Error(`no collection for /${route}`)
  return spec
}

function defaultOrder(spec: CollectionSpec): ListQuery['sort'] {
  return spec.defaultSort ?? { field: spec.key, dir: 1 }
}

/** The rows a query must return, straight from the gold frame. */
export function expectedRows(
  spec: CollectionSpec,
  frame: pl.DataFrame,
  query: Omit<ListQuery, 'offset' | 'limit'>,
): Row[] {
  let df = frame
  for (const [field, value] of Object.entries(query.filter)) df = df.filter(pl.col(field).eq(pl.lit(value)))
  const desc = query.sort.dir === -1
  const by = query.sort.field === spec.key ? [spec.key] : [query.sort.field, spec.key]
  // MongoDB order: nulls lowest (first ascending, last descending); ties by the key ascending.
  df = df.sort(
    by,
    by.map((_, i) => i === 0 && desc),
    by.map((_, i) => i === 0 && desc),
    true,
  )
  return (df.select(...spec.fields).toRecords() as Record<string, unknown>[]).map((record) => {
    const row: Row = {}
    for (const field of spec.fields) row[field] = toJsonValue(record[field])
    return row
  })
}

export function describeStoreSuite(name: string, setup: () => Promise<StoreFixture>): void {
  describe(`${name} answers as the gold says`, () => {
    let fx: StoreFixture
    beforeAll(async () => {
      fx = await setup()
    }, 300_000)
    afterAll(async () => {
      await fx?.teardown()
    })

    const frameOf = (spec: CollectionSpec): pl.DataFrame => {
      const frame = fx.gold.tables[spec.table]
      if (!frame) throw new Error(`the fixture has no gold ${spec.table}`)
      return frame
    }
    const all = (spec: CollectionSpec, sort: ListQuery['sort'], filter: ListQuery['filter'] = {}) =>
      fx.store.list(spec, { sort, filter, offset: 0, limit: MAX_PAGE })

    for (const route of DATA_ROUTES) {
      const spec = routeSpec(route)
      if (spec.filledBy) {
        // The pipeline leaves it empty (a training fills it): nothing to serve, as for any empty collection.
        it(`/${route} (${spec.name}) is empty until ${spec.filledBy}: the store answers null`, async () => {
          expect(frameOf(spec).height).toBe(0)
          expect(await all(spec, defaultOrder(spec))).toBeNull()
        })
        continue
      }
      describe(`/${route} (${spec.name})`, () => {
        it('serves every row in the default order', async () => {
          const frame = frameOf(spec)
          expect(frame.height).toBeGreaterThan(0)
          const sort = defaultOrder(spec)
          const result = await all(spec, sort)
          expect(result?.total).toBe(frame.height)
          expect(result?.rows).toEqual(expectedRows(spec, frame, { sort, filter: {} }).slice(0, MAX_PAGE))
        })

        it('sorts by every field, both ways', async () => {
          const frame = frameOf(spec)
          for (const field of spec.fields) {
            for (const dir of [1, -1] as const) {
              const result = await all(spec, { field, dir })
              const want = expectedRows(spec, frame, { sort: { field, dir }, filter: {} })
              expect(result?.rows, `${field}:${dir === 1 ? 'asc' : 'desc'}`).toEqual(want.slice(0, MAX_PAGE))
            }
          }
        })

        it('pages with offset and limit that add up to the whole', async () => {
          const frame = frameOf(spec)
          const sort = defaultOrder(spec)
          const whole = expectedRows(spec, frame, { sort, filter: {} })
          const limit = Math.max(1, Math.ceil(whole.length / 4))
          const pages: Row[] = []
          for (let offset = 0; offset < whole.length; offset += limit) {
            const page = await fx.store.list(spec, { sort, filter: {}, offset, limit })
            expect(page?.total).toBe(whole.length)
            expect(page?.rows.length).toBe(Math.min(limit, whole.length - offset))
            pages.push(...(page?.rows ?? []))
          }
          expect(pages).toEqual(whole)
          const last = await fx.store.list(spec, { sort, filter: {}, offset: whole.length - 1, limit: 5 })
          expect(last?.rows).toEqual(whole.slice(-1))
          const beyond = await fx.store.list(spec, { sort, filter: {}, offset: whole.length + 10, limit: 5 })
          expect(beyond).toEqual({ rows: [], total: whole.length })
        })

        if (spec.filters?.length) {
          it(`filters on ${spec.filters.join(', ')} with exact totals`, async () => {
            const frame = frameOf(spec)
            const sort = defaultOrder(spec)
            for (const field of spec.filters ?? []) {
              const values = frame.getColumn(field).unique().sort().toArray().map(toJsonValue)
              const picks =
                values.length > 6 ? [values[0], values[Math.floor(values.length / 2)], values.at(-1)] : values
              for (const value of picks) {
                if (typeof value !== 'string' && typeof value !== 'number') continue
                const filter: ListQuery['filter'] = { [field]: value }
                const want = expectedRows(spec, frame, { sort, filter })
                expect(want.length).toBeGreaterThan(0)
                const result = await all(spec, sort, filter)
                expect(result, `${field}=${value}`).toEqual({ rows: want, total: want.length })
                const page = await fx.store.list(spec, {
                  sort: { field: spec.key, dir: -1 },
                  filter,
                  offset: 1,
                  limit: 2,
                })
                expect(page?.rows).toEqual(
                  expectedRows(spec, frame, { sort: { field: spec.key, dir: -1 }, filter }).slice(1, 3),
                )
                expect(page?.total).toBe(want.length)
              }
              const absent = typeof values[0] === 'number' ? -987_654 : 'no such value'
              expect(await all(spec, sort, { [field]: absent })).toEqual({ rows: [], total: 0 })
            }
            if ((spec.filters?.length ?? 0) > 1) {
              // Two filters together: a row's own two values find it; its first value with the second value
              // of a row that differs on the first finds nothing (when that pair occurs nowhere in gold).
              const [a, b] = spec.filters as [string, string]
              const rows = expectedRows(spec, frame, { sort, filter: {} })
              const value = (row: Row | undefined, field: string) => row?.[field] as string | number
              const first = rows[0]
              const both: ListQuery['filter'] = { [a]: value(first, a), [b]: value(first, b) }
              const want = expectedRows(spec, frame, { sort, filter: both })
              expect(want.length).toBeGreaterThan(0)
              expect(await all(spec, sort, both)).toEqual({ rows: want, total: want.length })
              const other = rows.find((r) => r[a] !== value(first, a))
              const none: ListQuery['filter'] = { [a]: value(first, a), [b]: value(other, b) }
              if (other && expectedRows(spec, frame, { sort, filter: none }).length === 0) {
                expect(await all(spec, sort, none)).toEqual({ rows: [], total: 0 })
              }
            }
          })
        }
      })
    }

    it('serves the KPIs of the gold, with dataset_size = total_achats', async () => {
      const { segments: _segments, ...figures } = fx.gold.kpis
      expect(await fx.store.kpis()).toEqual({ ...figures, dataset_size: figures.total_achats })
      // And they agree with the fact table itself.
      const fact = fx.gold.tables.fact_achats as pl.DataFrame
      expect(figures.total_achats).toBe(fact.height)
      expect(figures.total_ca).toBeCloseTo(fact.getColumn('montant').sum() as number, 4)
    })

    it('serves the distribution in numeric order', async () => {
      const result = await all(routeSpec('distribution'), defaultOrder(routeSpec('distribution')))
      const rows = result?.rows ?? []
      expect(rows.map((r) => r.bin)).toEqual(rows.map((_, i) => i))
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i]?.lower as number).toBeGreaterThan(rows[i - 1]?.lower as number)
        expect(rows[i]?.lower).toBe(rows[i - 1]?.upper)
      }
    })

    describe('data.sales, data.filters and data.client (issue 5)', () => {
      const fact = () => frameOf(collection('gold_fact_achats'))
      const bins = () =>
        expectedRows(collection('gold_distribution'), frameOf(collection('gold_distribution')), {
          sort: { field: 'bin', dir: 1 },
          filter: {},
        }) as unknown as Parameters<typeof referenceSales>[1]

      // FerretDB answers a sales query in seconds (a scan per measure).
      it(
        'groups the fact by every grain under sample filters as a plain pass over its rows does',
        { timeout: 300_000 },
        async () => {
          const rows = factRows(fact())
          for (const filter of sampleQueries(rows)) {
            const label = JSON.stringify(filter)
            expectSameSales(await fx.store.sales(filter), referenceSales(rows, bins(), filter), label)
          }
        },
      )

      it('data.filters: the distinct countries and products of the fact, and its first and last days', async () => {
        const rows = factRows(fact())
        const distinct = (values: string[]) => [...new Set(values)].sort()
        const days = distinct(rows.map((r) => r.day))
        expect(await salesFilters(fx.store)).toEqual({
          pays: distinct(rows.map((r) => r.pays)),
          produit: distinct(rows.map((r) => r.produit)),
          from: days[0],
          to: days.at(-1),
        })
      })

      it('data.client: the rows of the client in each collection, null parts, not_found', async () => {
        const rowOf = (name: string, id: number) => {
          const spec = collection(name)
          return (
            expectedRows(spec, frameOf(spec), {
              sort: { field: spec.key, dir: 1 },
              filter: { id_client: id },
            })[0] ?? null
          )
        }
        const ids = (name: string) => frameOf(collection(name)).getColumn('id_client').toArray().map(Number)
        const buyers = new Set(ids('gold_client_features'))
        const buyer = ids('gold_client_scores')[0] as number
        const nonBuyer = ids('gold_dim_clients').find((id) => !buyers.has(id))
        for (const id of nonBuyer === undefined ? [buyer] : [buyer, nonBuyer]) {
          expect(await clientDetail(fx.store, id)).toEqual({
            dim: rowOf('gold_dim_clients', id),
            features: rowOf('gold_client_features', id),
            scores: rowOf('gold_client_scores', id),
            predictions: null,
          })
        }
        const unknown = Math.max(...ids('gold_dim_clients')) + 1
        await expect(clientDetail(fx.store, unknown)).rejects.toMatchObject({ code: 'not_found' })
      })

      it('data.clientNames: name and country of each id asked, in that order, once each, unknown ids left out', async () => {
        const dim = collection('gold_dim_clients')
        const records = frameOf(dim).select('id_client', 'nom', 'pays').toRecords() as {
          id_client: unknown
          nom: unknown
          pays: unknown
        }[]
        // A page as a table asks: not in key order, one id twice, one no collection knows.
        const page = [records[7], records[0], records[3], records[7]].flatMap((r) => (r ? [r] : []))
        const unknown = Math.max(...records.map((r) => Number(r.id_client))) + 1
        const ids = [...page.map((r) => Number(r.id_client)), unknown]
        const expected = [records[7], records[0], records[3]].map((r) => ({
          id_client: Number(r?.id_client),
          nom: String(r?.nom),
          pays: String(r?.pays),
        }))
        expect(await clientNames(fx.store, ids)).toEqual(expected)
        expect(await clientNames(fx.store, [unknown])).toEqual([])
      })

      it('answers null for each with nothing published', async () => {
        expect(await fx.empty.sales({ grain: 'month' })).toBeNull()
        expect(await salesFilters(fx.empty)).toBeNull()
        expect(await clientDetail(fx.empty, 1)).toBeNull()
        expect(await clientNames(fx.empty, [1])).toBeNull()
      })
    })

    it('says when it serves nothing: null KPIs and null lists, yet healthy', async () => {
      expect(await fx.empty.kpis()).toBeNull()
      for (const route of DATA_ROUTES) {
        const spec = routeSpec(route)
        expect(
          await fx.empty.list(spec, { sort: defaultOrder(spec), filter: {}, offset: 0, limit: 10 }),
        ).toBeNull()
      }
      const health = await fx.empty.health()
      expect(health.ok).toBe(true)
      expect(health.store).toBe(fx.empty.kind)
    })

    it('reports itself healthy while serving', async () => {
      const health = await fx.store.health()
      expect(health).toMatchObject({ store: fx.store.kind, ok: true })
      expect(health.detail.length).toBeGreaterThan(0)
    })
  })
}
