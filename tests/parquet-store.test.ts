import { cpSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { LocalLake } from '../src-main/core/lake/local-lake.ts'
import { type CollectionSpec, collectionForRoute } from '../src-main/core/serving/collections.ts'
import { ParquetStore } from '../src-main/core/serving/parquet-store.ts'
import { goldRun, readGold } from './helpers/gold-run.ts'
import { describeStoreSuite } from './helpers/store-suite.ts'
import { tempDir } from './helpers/temp-data.ts'

function spec(route: string): CollectionSpec {
  const found = collectionForRoute(route)
  if (!found) throw new Error(`no collection for ${route}`)
  return found
}

// The original's size: 1,500 clients, 23,663 purchases.
const seed = goldRun()
const emptyDir = tempDir('medallion-empty-')

describeStoreSuite('ParquetStore', async () => {
  const { gold } = await seed.ready()
  const store = new ParquetStore(seed.lake)
  const empty = new ParquetStore(new LocalLake(join(emptyDir, 'lake')))
  return {
    store,
    gold,
    empty,
    teardown: async () => {
      await store.close()
      await empty.close()
    },
  }
})

describe('ParquetStore at the original size', () => {
  beforeAll(() => seed.ready(), 300_000)

  it('serves a table missing from the run as empty (null), the others as usual', async () => {
    const { run } = await seed.ready()
    const copy = tempDir('medallion-lake-copy-')
    cpSync(seed.lake.root, copy, { recursive: true })
    rmSync(join(copy, run.layers.gold as string, 'ca_monthly.parquet'))
    const store = new ParquetStore(new LocalLake(copy))
    const monthly = spec('/monthly')
    expect(
      await store.list(monthly, { sort: { field: 'mois', dir: 1 }, filter: {}, offset: 0, limit: 10 }),
    ).toBeNull()
    const country = spec('/by_country')
    expect(
      (await store.list(country, { sort: { field: 'ca', dir: -1 }, filter: {}, offset: 0, limit: 3 }))?.rows,
    ).toHaveLength(3)
  })

  it('says where it reads from and which run it serves', async () => {
    const { run } = await seed.ready()
    const store = new ParquetStore(seed.lake, '/shown/lake')
    expect(await store.health()).toEqual({
      store: 'parquet',
      ok: true,
      detail: '/shown/lake',
      runId: run.runId,
    })
  })
})

describe('ParquetStore follows the current run', () => {
  const small = goldRun({ clients: 60, seed: 1 })

  it('notices a newer committed run after its check interval, and serves its gold', async () => {
    const { run: first, gold: firstGold } = await small.ready()
    const store = new ParquetStore(small.lake, small.lake.root, { checkIntervalMs: 100 })
    const scores = spec('/scores')
    const query = { sort: { field: 'id_client', dir: 1 as const }, filter: {}, offset: 0, limit: 10_000 }
    expect((await store.list(scores, query))?.total).toBe(firstGold.tables.client_scores?.height)
    expect((await store.health()).runId).toBe(first.runId)

    await small.core.sources.generate({ clients: 80, seed: 2, dirtyShare: 0 }).done
    const second = await small.core.pipeline.start({ from: 'bronze' }).done
    const secondGold = readGold(small.lake, second)
    expect(secondGold.tables.client_scores?.height).not.toBe(firstGold.tables.client_scores?.height)
    // Within the interval the store may still serve the first run; after it, the second.
    await new Promise((r) => setTimeout(r, 150))
    expect((await store.health()).runId).toBe(second.runId)
    expect((await store.list(scores, query))?.total).toBe(secondGold.tables.client_scores?.height)
    expect((await store.kpis())?.total_achats).toBe(second.kpis?.total_achats)
  }, 120_000)

  it('asks the lake at most once per interval, however many requests come', async () => {
    await small.ready()
    let asked = 0
    const lake = new LocalLake(small.lake.root)
    const counting = Object.assign(Object.create(lake), {
      currentRun: () => {
        asked++
        return lake.currentRun()
      },
    }) as LocalLake
    const store = new ParquetStore(counting, lake.root, { checkIntervalMs: 60_000 })
    await Promise.all(Array.from({ length: 20 }, () => store.kpis()))
    for (let i = 0; i < 20; i++) await store.health()
    expect(asked).toBe(1)
    store.refresh()
    await store.kpis()
    expect(asked).toBe(2)
  })
})
