/**
 * The dashboard's data (issue 5) served from MongoDB (a real FerretDB, gold published by the real
 * publisher) answers exactly as the embedded store over the same run, dirty rows included: through the
 * core's handlers on a core configured with MongoDB, against a ParquetStore on the same lake.
 */
import { join } from 'node:path'
import type pl from 'nodejs-polars'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Core, createCore } from '../src-main/core/app-core.ts'
import { LocalLake } from '../src-main/core/lake/local-lake.ts'
import { dispatch, unwrap } from '../src-main/core/rpc.ts'
import { collection } from '../src-main/core/serving/collections.ts'
import { ParquetStore } from '../src-main/core/serving/parquet-store.ts'
import { salesFilters } from '../src-main/core/serving/sales-filters.ts'
import type { ListQuery } from '../src-main/core/serving/serving-store.ts'
import type { CallInput, CallName, CallOutput } from '../src-preload/contract.ts'
import { SALES_GRAINS, type SalesFilter } from '../src-preload/contract-insights.ts'
import {
  FERRETDB_AVAILABLE,
  FERRETDB_SKIP_REASON,
  type RunningMongo,
  startFerretDb,
} from './helpers/ferretdb.ts'
import { readGold } from './helpers/gold-run.ts'
import { expectSameSales, factRows, sampleFilters } from './helpers/sales-reference.ts'
import { SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'

describe.skipIf(!FERRETDB_AVAILABLE)(
  `dashboard data from MongoDB = from the lake (${FERRETDB_AVAILABLE ? 'FerretDB' : FERRETDB_SKIP_REASON})`,
  () => {
    const dataDir = tempDir('medallion-insights-mongo-')
    let server: RunningMongo
    let core: Core
    let parquet: ParquetStore
    let fact: pl.DataFrame

    const ask = <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> =>
      dispatch(core.handlers, name, input).then((envelope) => unwrap(envelope) as CallOutput<N>)

    beforeAll(async () => {
      server = await startFerretDb()
      core = createCore({
        dataDir,
        paths: SOURCE_PATHS,
        mongo: { url: server.url, db: 'gold_serving' },
      })
      await core.sources.generate({ clients: 300, seed: 11, dirtyShare: 0.05 }).done
      const run = await core.pipeline.start({ from: 'bronze' }).done
      await core.publish().done
      const lake = new LocalLake(join(dataDir, 'lake'))
      parquet = new ParquetStore(lake)
      fact = readGold(lake, run).tables.fact_achats as pl.DataFrame
    }, 300_000)

    afterAll(async () => {
      await parquet?.close()
      await core?.close()
      await server?.stop()
    })

    it('serves from MongoDB', () => {
      expect(core.serving.store.kind).toBe('mongo')
    })

    // FerretDB takes seconds per sales query (a scan per measure): the combined filter only, every grain.
    it(
      'data.sales: every grain under the combined filter, as the lake answers',
      { timeout: 300_000 },
      async () => {
        const combined = sampleFilters(factRows(fact)).find((f) => f.from && f.pays && f.produit) ?? {}
        for (const grain of SALES_GRAINS) {
          const filter: SalesFilter = { ...combined, grain }
          const fromLake = await parquet.sales(filter)
          expect(fromLake?.rows.length, grain).toBeGreaterThan(0)
          expectSameSales(await ask('data.sales', filter), fromLake as never, JSON.stringify(filter))
        }
      },
    )

    it('data.sales: one day is that whole day, by BSON date, and nothing of its neighbours', async () => {
      const days = factRows(fact).map((r) => r.day)
      const day = days[Math.floor(days.length / 2)] as string
      const filter: SalesFilter = { grain: 'day', from: day, to: day }
      const answer = await ask('data.sales', filter)
      expect(answer?.rows.map((r) => r.key)).toEqual([day])
      expect(answer?.rows[0]?.nb_achats).toBe(days.filter((d) => d === day).length)
      expectSameSales(answer, (await parquet.sales(filter)) as never, day)
    })

    it('data.filters and data.client: as the lake answers', async () => {
      expect(await ask('data.filters', {})).toEqual(await salesFilters(parquet))
      const ids = fact.getColumn('id_client').toArray().map(Number)
      for (const id of [ids[0] as number, ids.at(-1) as number]) {
        const detail = await ask('data.client', { id_client: id })
        expect(detail?.dim?.id_client).toBe(id)
        expect(detail).toEqual({
          dim: (await parquet.list(collection('gold_dim_clients'), byId(id)))?.rows[0],
          features: (await parquet.list(collection('gold_client_features'), byId(id)))?.rows[0],
          scores: (await parquet.list(collection('gold_client_scores'), byId(id)))?.rows[0],
          predictions: null,
        })
      }
      const error = await dispatch(core.handlers, 'data.client', { id_client: Math.max(...ids) + 500 })
      expect(error).toMatchObject({ error: { code: 'not_found' } })
    })
  },
)

function byId(id: number): ListQuery {
  return { sort: { field: 'id_client', dir: 1 }, filter: { id_client: id }, offset: 0, limit: 1 }
}
