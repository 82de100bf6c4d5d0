/** The serving service: which store it picks, and the contract's serving calls through the one dispatcher. */
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { LocalLake } from '../src-main/core/lake/local-lake.ts'
import { dispatch, type Handlers } from '../src-main/core/rpc.ts'
import { ParquetStore } from '../src-main/core/serving/parquet-store.ts'
import { ServingService } from '../src-main/core/serving/serving-service.ts'
import { goldRun } from './helpers/gold-run.ts'
import { tempDir } from './helpers/temp-data.ts'

const small = goldRun({ clients: 120, seed: 9 })

describe('ServingService', () => {
  let service: ServingService
  let handlers: Handlers

  beforeAll(async () => {
    await small.ready()
    service = new ServingService({ lake: small.lake, tasks: small.core.tasks })
    // The serving calls as app-core binds them, over the core's other handlers.
    handlers = {
      ...small.core.handlers,
      'serving.status': () => service.status(),
      'data.kpis': () => service.kpis(),
      'data.table': (args) => service.table(args),
    }
  }, 120_000)

  it('serves from the lake when no MongoDB is configured', async () => {
    expect(service.store.kind).toBe('parquet')
    const { run } = await small.ready()
    expect(await service.status()).toEqual({
      store: 'parquet',
      ok: true,
      detail: small.lake.root,
      runId: run.runId,
    })
  })

  it('uses the MongoDB store the factory builds when one is configured, built with its first request', async () => {
    const otherLake = new LocalLake(join(tempDir(), 'lake'))
    let built = 0
    const picked = new ServingService({
      lake: small.lake,
      createMongoStore: async () => {
        built += 1
        return new ParquetStore(otherLake)
      },
    })
    expect(picked.store.kind).toBe('mongo')
    expect(built).toBe(0)
    // The factory's store answers (an empty lake: nothing published), not the service's own lake.
    expect(await picked.kpis()).toBeNull()
    expect((await picked.status()).detail).toBe(otherLake.root)
    expect(built).toBe(1)
    await picked.close()
  })

  it('data.table pages, sorts and filters like the HTTP API, aliases included', async () => {
    const { gold } = await small.ready()
    const vip = gold.kpis.segments.VIP ?? 0
    const answer = await dispatch(handlers, 'data.table', {
      route: 'scores',
      sort: 'id_client:desc',
      limit: 3,
      filters: { segment: 'VIP' },
    })
    if (!('result' in answer)) throw new Error(answer.error.message)
    const result = answer.result as { rows: { id_client: number; segment_label: string }[]; total: number }
    expect(result.total).toBe(vip)
    expect(result.rows).toHaveLength(Math.min(3, vip))
    expect(result.rows.every((r) => r.segment_label === 'VIP')).toBe(true)
    const ids = result.rows.map((r) => r.id_client)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    const byId = await service.table({ route: 'scores', filters: { id_client: String(ids[0]) } })
    expect(byId?.rows.map((r) => r.id_client)).toEqual([ids[0]])
    const monthly = await service.table({ route: 'monthly' })
    expect(monthly?.total).toBe(gold.tables.ca_monthly?.height)
  })

  it('data.table refuses a bad sort or filter as invalid_input naming it', async () => {
    const cases: [object, string][] = [
      [{ route: 'scores', sort: 'nope' }, 'sort'],
      [{ route: 'monthly', filters: { segment_label: 'VIP' } }, 'segment_label'],
      [{ route: 'scores', filters: { id_client: 'abc' } }, 'id_client'],
      [{ route: 'scores', limit: 0 }, 'limit'],
    ]
    for (const [input, param] of cases) {
      const answer = await dispatch(handlers, 'data.table', input)
      expect('error' in answer && answer.error.code, JSON.stringify(input)).toBe('invalid_input')
      expect('error' in answer && answer.error.message).toContain(param)
    }
  })

  it('data.kpis and serving.status answer through dispatch', async () => {
    const { run } = await small.ready()
    const kpis = await dispatch(handlers, 'data.kpis', {})
    expect(kpis).toEqual({ result: expect.objectContaining({ dataset_size: run.kpis?.total_achats }) })
    expect(await dispatch(handlers, 'serving.status', {})).toMatchObject({
      result: { store: 'parquet', ok: true },
    })
  })
})
