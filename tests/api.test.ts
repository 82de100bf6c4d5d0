/**
 * The read API over real HTTP (a free port) and a ParquetStore on a real pipeline run at the original's
 * size: every route's status and JSON shape, parameters and their refusals, errors as JSON, the OpenAPI
 * document, an empty data folder, and how the server binds.
 */
import { cpSync, rmSync } from 'node:fs'
import { Agent } from 'node:http'
import { createServer, type Server } from 'node:net'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fieldType } from '../src-main/core/api/field-types.ts'
import { type RunningApi, startApi } from '../src-main/core/api/server.ts'
import { LocalLake } from '../src-main/core/lake/local-lake.ts'
import { type CollectionSpec, collectionForRoute } from '../src-main/core/serving/collections.ts'
import { ParquetStore } from '../src-main/core/serving/parquet-store.ts'
import { DATA_ROUTES, MAX_PAGE, type RunRecord } from '../src-preload/contract.ts'
import { type Gold, goldRun } from './helpers/gold-run.ts'
import { getJson, http } from './helpers/http.ts'
import { expectedRows } from './helpers/store-suite.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

function spec(route: string): CollectionSpec {
  const found = collectionForRoute(`/${route}`)
  if (!found) throw new Error(`no collection for /${route}`)
  return found
}

const ISO_NAIVE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/

function listen(port: number, host = '127.0.0.1'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(port, host, () => resolve(server))
  })
}

const seed = goldRun()

describe('read API over a ParquetStore (original size)', () => {
  let api: RunningApi
  let gold: Gold
  let run: RunRecord

  beforeAll(async () => {
    ;({ run, gold } = await seed.ready())
    api = await startApi({
      handlers: seed.core.handlers,
      store: new ParquetStore(seed.lake),
      events: seed.core.events,
      port: 0,
    })
  }, 300_000)

  afterAll(async () => {
    await api?.close()
  })

  it('binds 127.0.0.1 by default', () => {
    expect(api.host).toBe('127.0.0.1')
    expect(api.url).toBe(`http://127.0.0.1:${api.port}`)
    expect(api.port).toBeGreaterThan(0)
  })

  it('GET /health: which store serves (not from which folder), which run, and that gold is published', async () => {
    const { status, body } = await getJson(api.url, '/health')
    expect(status).toBe(200)
    expect(body).toEqual({
      status: 'ok',
      store: 'parquet',
      detail: 'parquet (local lake)',
      runId: run.runId,
      published: true,
    })
  })

  it('GET /kpis: the flat shape of the original, plus meta.query_ms', async () => {
    const { status, body } = await getJson(api.url, '/kpis')
    expect(status).toBe(200)
    expect(Object.keys(body)).toEqual([
      'total_ca',
      'total_achats',
      'total_clients',
      'panier_moyen',
      'expected_total',
      'dataset_size',
      'meta',
    ])
    const { segments: _segments, ...kpis } = gold.kpis
    expect(body).toMatchObject({ ...kpis, dataset_size: kpis.total_achats })
    expect(body.total_achats).toBe(23_663)
    expect(body.total_clients).toBe(1500)
    expect(body.total_ca).toBeCloseTo(6_008_544.91, 2)
    expect(typeof body.meta.query_ms).toBe('number')
    expect(body.meta.query_ms).toBeGreaterThanOrEqual(0)
  })

  it('GET /predictions before any training: 503 saying to train the predictor', async () => {
    const { status, body } = await getJson(api.url, '/predictions')
    expect(status).toBe(503)
    expect(body.error).toMatch(/gold_client_predictions is empty.*train the predictor/)
  })

  for (const route of DATA_ROUTES.filter((r) => !spec(r).filledBy)) {
    it(`GET /${route}: { data, meta: { count, total, offset, limit, query_ms } } with typed fields`, async () => {
      const s = spec(route)
      const { status, body } = await getJson(api.url, `/${route}`)
      expect(status).toBe(200)
      expect(Object.keys(body)).toEqual(['data', 'meta'])
      const height = gold.tables[s.table]?.height as number
      const limit = route === 'scores' ? 100 : MAX_PAGE
      expect(body.meta).toEqual({
        count: Math.min(height, limit),
        total: height,
        offset: 0,
        limit,
        query_ms: expect.any(Number),
      })
      expect(body.data).toHaveLength(body.meta.count)
      const sort = s.defaultSort ?? { field: s.key, dir: 1 as const }
      expect(body.data).toEqual(
        expectedRows(s, gold.tables[s.table] as never, { sort, filter: {} }).slice(0, limit),
      )
      for (const row of body.data as Record<string, unknown>[]) {
        expect(Object.keys(row)).toEqual([...s.fields])
        for (const field of s.fields) {
          const value = row[field]
          if (value === null) continue
          const type = fieldType(s, field)
          if (type === 'integer') expect(Number.isInteger(value), `${route}.${field}`).toBe(true)
          else if (type === 'number') expect(typeof value, `${route}.${field}`).toBe('number')
          else if (type === 'string') expect(typeof value, `${route}.${field}`).toBe('string')
          else expect(value, `${route}.${field}`).toMatch(ISO_NAIVE)
        }
      }
    })
  }

  it('GET /distribution: numeric order, a bin number beside the label', async () => {
    const { body } = await getJson(api.url, '/distribution')
    expect(body.data.map((r: { bin: number }) => r.bin)).toEqual([...Array(12).keys()])
    expect(body.data[0].bucket).toMatch(/^\(9\.53, 50\.851\]$/)
    expect(body.data.map((r: { count: number }) => r.count).reduce((a: number, b: number) => a + b)).toBe(
      23_663,
    )
  })

  it('sorts, pages and filters from the query string', async () => {
    const scores = spec('scores')
    const frame = gold.tables.client_scores as never
    const page = await getJson(api.url, '/scores?sort=recency_days:DESC&limit=7&offset=30')
    expect(page.status).toBe(200)
    expect(page.body.data).toEqual(
      expectedRows(scores, frame, { sort: { field: 'recency_days', dir: -1 }, filter: {} }).slice(30, 37),
    )
    expect(page.body.meta).toMatchObject({ count: 7, total: 1500, offset: 30, limit: 7 })

    const vip = gold.kpis.segments.VIP as number
    for (const query of ['segment=VIP', 'segment_label=VIP']) {
      const { status, body } = await getJson(api.url, `/scores?${query}&limit=${MAX_PAGE}`)
      expect(status).toBe(200)
      expect(body.meta.total).toBe(vip)
      expect(body.data).toHaveLength(vip)
      expect(new Set(body.data.map((r: { segment_label: string }) => r.segment_label))).toEqual(
        new Set(['VIP']),
      )
    }
    const one = await getJson(api.url, '/scores?id_client=42')
    expect(one.body.data).toHaveLength(1)
    expect(one.body.data[0].id_client).toBe(42)
    expect(one.body.meta).toMatchObject({ count: 1, total: 1 })
    const none = await getJson(api.url, '/scores?id_client=999999')
    expect(none.status).toBe(200)
    expect(none.body).toMatchObject({ data: [], meta: { count: 0, total: 0 } })
    const ascending = await getJson(api.url, '/monthly?sort=ca')
    const cas = ascending.body.data.map((r: { ca: number }) => r.ca)
    expect(cas).toEqual([...cas].sort((a, b) => a - b))
  })

  const badRequests: [string, string][] = [
    ['/scores?sort=nope', 'sort'],
    ['/scores?sort=ca:sideways', 'sort'],
    ['/monthly?sort=', 'sort'],
    ['/scores?limit=0', 'limit'],
    [`/scores?limit=${MAX_PAGE + 1}`, 'limit'],
    ['/scores?limit=abc', 'limit'],
    ['/scores?limit=1.5', 'limit'],
    ['/scores?offset=-1', 'offset'],
    ['/scores?offset=x', 'offset'],
    ['/scores?foo=1', 'foo'],
    ['/monthly?segment_label=VIP', 'segment_label'],
    ['/monthly?segment=VIP', 'segment'],
    ['/scores?id_client=abc', 'id_client'],
    ['/scores?segment_label=', 'segment_label'],
    ['/scores?segment=VIP&segment_label=VIP', 'segment_label'],
    ['/scores?limit=5&limit=6', 'limit'],
    ['/kpis?x=1', 'x'],
    ['/health?verbose=1', 'verbose'],
  ]
  for (const [path, param] of badRequests) {
    it(`400 naming the parameter: ${path}`, async () => {
      const { status, body } = await getJson(api.url, path)
      expect(status).toBe(400)
      expect(body.param).toBe(param)
      expect(body.error).toContain(param)
    })
  }

  it('answers unknown routes with a JSON 404 listing the routes', async () => {
    for (const path of ['/nope', '/kpis/', '/scores/42', '/']) {
      const answer = await http(api.url, path)
      expect(answer.status, path).toBe(404)
      expect(answer.headers['content-type']).toMatch(/^application\/json/)
      const body = answer.json() as { error: string }
      expect(body.error).toContain('/kpis')
    }
  })

  it('answers 405 with Allow to anything but GET and HEAD on an API route', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const answer = await http(api.url, '/kpis', { method })
      expect(answer.status, method).toBe(405)
      expect(answer.headers.allow).toBe('GET, HEAD')
      expect((answer.json() as { error: string }).error).toContain(method)
    }
    const head = await http(api.url, '/monthly', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.text).toBe('')
  })

  it('keeps /rpc and /events out of the read API (web mode only)', async () => {
    expect((await http(api.url, '/rpc/tasks.list', { method: 'POST', body: '{}' })).status).toBe(404)
    expect((await http(api.url, '/events')).status).toBe(404)
  })

  it('refuses a request naming another host (DNS rebinding)', async () => {
    const answer = await http(api.url, '/kpis', { headers: { Host: `attacker.example:${api.port}` } })
    expect(answer.status).toBe(403)
    const ok = await http(api.url, '/kpis', { headers: { Host: `localhost:${api.port}` } })
    expect(ok.status).toBe(200)
  })

  it('sends safe headers with JSON', async () => {
    const answer = await http(api.url, '/kpis')
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(answer.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('GET /openapi.json: an OpenAPI 3.1 document with every route, parameter and answer', async () => {
    const { status, body } = await getJson(api.url, '/openapi.json')
    expect(status).toBe(200)
    expect(body.openapi).toBe('3.1.0')
    expect(Object.keys(body.paths).sort()).toEqual(
      [
        '/health',
        '/kpis',
        '/sales',
        '/openapi.json',
        // The data browser's owner routes (web mode, the launch token).
        '/lake/{layer}/{table}',
        '/export/{layer}/{table}.csv',
        ...DATA_ROUTES.map((r) => `/${r}`),
      ].sort(),
    )
    for (const route of DATA_ROUTES) {
      const op = body.paths[`/${route}`].get
      const names = op.parameters.map((p: { name: string }) => p.name)
      expect(names.slice(0, 3)).toEqual(['sort', 'limit', 'offset'])
      expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '404', '405', '503'])
      const rows = op.responses['200'].content['application/json'].schema.properties.data.items.$ref
      const schema = body.components.schemas[rows.split('/').pop()]
      expect(Object.keys(schema.properties)).toEqual([...spec(route).fields])
      const limit = op.parameters.find((p: { name: string }) => p.name === 'limit').schema
      expect(limit).toMatchObject({
        minimum: 1,
        maximum: MAX_PAGE,
        default: route === 'scores' ? 100 : MAX_PAGE,
      })
    }
    const scoreParams = body.paths['/scores'].get.parameters.map((p: { name: string }) => p.name)
    expect(scoreParams).toEqual(expect.arrayContaining(['segment_label', 'segment', 'id_client']))
    expect(
      body.paths['/scores'].get.parameters.find((p: { name: string }) => p.name === 'id_client').schema.type,
    ).toBe('integer')
    // Every $ref resolves.
    const refs = JSON.stringify(body).match(/"#\/components\/[^"]+"/g) ?? []
    for (const ref of refs) {
      const [, , kind, name] = ref.slice(1, -1).split('/')
      expect(body.components[kind as string][name as string], ref).toBeDefined()
    }
  })

  it('serves a whole dashboard refresh (Overview + Customers) over one kept-alive connection, twice', async () => {
    const paths = [
      '/kpis',
      '/monthly',
      '/by_country',
      '/by_product',
      '/segments',
      '/scores',
      '/distribution',
      '/cohort',
    ]
    // As a browser does: one kept-alive connection.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const refresh = async () => {
      for (const path of paths) expect((await http(api.url, path, { agent })).status).toBe(200)
    }
    // Twice: the second refresh reuses the connection and the store's per-run tables (timed by bench:serving).
    await refresh()
    await refresh()
    agent.destroy()
  })

  it('answers 503 naming the problem when the current run’s gold folder is gone', async () => {
    const copy = tempDir('medallion-api-broken-')
    cpSync(seed.lake.root, copy, { recursive: true })
    rmSync(join(copy, run.layers.gold as string), { recursive: true })
    const broken = await startApi({
      handlers: seed.core.handlers,
      store: new ParquetStore(new LocalLake(copy)),
      events: seed.core.events,
      port: 0,
    })
    try {
      const { status, body } = await getJson(broken.url, '/monthly')
      expect(status).toBe(503)
      expect(body.error).toContain('gold folder')
    } finally {
      await broken.close()
    }
  })
})

describe('read API with nothing published (a fresh data folder)', () => {
  const dataDir = tempDir('medallion-api-empty-')
  const core = testCore(dataDir)
  let api: RunningApi

  beforeAll(async () => {
    api = await startApi({
      handlers: core.handlers,
      store: new ParquetStore(new LocalLake(join(dataDir, 'lake'))),
      events: core.events,
      port: 0,
    })
  })

  afterAll(async () => {
    await api?.close()
  })

  it('/health is 200: the store answers, and says nothing is published and how to fix it', async () => {
    const { status, body } = await getJson(api.url, '/health')
    expect(status).toBe(200)
    expect(body).toMatchObject({ status: 'ok', store: 'parquet', published: false })
    expect(body.runId).toBeUndefined()
    expect(body.message).toContain('medallion run')
  })

  it('/kpis and every list route are 503 with a message naming the collection', async () => {
    const kpis = await getJson(api.url, '/kpis')
    expect(kpis.status).toBe(503)
    expect(kpis.body).toMatchObject({ collection: 'gold_kpis' })
    expect(kpis.body.error).toMatch(/gold_kpis is empty.*medallion run/)
    for (const route of DATA_ROUTES) {
      const { status, body } = await getJson(api.url, `/${route}`)
      expect(status, route).toBe(503)
      expect(body.collection).toBe(spec(route).name)
      expect(body.error).toContain(`${spec(route).name} is empty`)
    }
  })

  it('still refuses bad parameters with 400 first', async () => {
    expect((await getJson(api.url, '/scores?limit=0')).status).toBe(400)
  })
})

describe('binding', () => {
  const dataDir = tempDir('medallion-api-bind-')
  const core = testCore(dataDir)
  const store = new ParquetStore(new LocalLake(join(dataDir, 'lake')))
  const options = { handlers: core.handlers, store, events: core.events }

  it('refuses a taken port clearly, saying how to pick another', async () => {
    const blocker = await listen(0)
    const address = blocker.address()
    const port = typeof address === 'object' && address ? address.port : 0
    try {
      const error = await startApi({ ...options, port }).then(
        () => undefined,
        (err: Error & { code?: string }) => err,
      )
      expect(error?.code).toBe('port_in_use')
      expect(error?.message).toContain(`127.0.0.1:${port}`)
      expect(error?.message).toContain('already in use')
      expect(error?.message).toContain('--port')
      expect(error?.message).toContain('MEDALLION_API_PORT')
    } finally {
      blocker.close()
    }
  })

  it('on the default port 5000, mentions macOS AirPlay when it is taken', async () => {
    // Take 5000 ourselves if it is free; if something else holds it, the API must refuse just the same.
    const blocker = await listen(5000).catch(() => undefined)
    try {
      const error = await startApi(options).then(
        async (running) => {
          await running.close()
          return undefined
        },
        (err: Error) => err,
      )
      expect(error?.message).toContain('AirPlay')
      expect(error?.message).toContain('127.0.0.1:5000')
    } finally {
      blocker?.close()
    }
  })

  it('is not reachable on the machine’s other addresses', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)
    const api = await startApi({ ...options, port: 0 })
    try {
      expect((await http(api.url, '/health')).status).toBe(200)
      if (!external) return
      const refused = await http(`http://${external.address}:${api.port}`, '/health').then(
        () => 'answered',
        (err: NodeJS.ErrnoException) => err.code,
      )
      expect(refused).toBe('ECONNREFUSED')
    } finally {
      await api.close()
    }
  })

  it('refuses a port out of range', async () => {
    await expect(startApi({ ...options, port: 70_000 })).rejects.toThrow(/0 to 65535/)
  })
})
