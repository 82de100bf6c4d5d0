/**
 * Big list pages over real HTTP, from a ParquetStore on a real pipeline run (and a MongoStore on FerretDB): a streamed page (chunked, no
 * Content-Length) is the answer JSON.stringify gives for the same rows, compression applies to big
 * answers only, and a big page whose reader stalls neither blocks /health nor keeps other big pages
 * waiting (a gate of one slot: the stalled writer must leave it), and big pages take turns, a chunk each.
 */
import { ServerResponse } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STREAM_MIN_ROWS } from '../src-main/core/api/json-stream.ts'
import { parseListParams } from '../src-main/core/api/list-params.ts'
import { type RunningApi, startApi } from '../src-main/core/api/server.ts'
import { type CollectionSpec, collectionForRoute } from '../src-main/core/serving/collections.ts'
import { MongoStore } from '../src-main/core/serving/mongo-store.ts'
import { ParquetStore } from '../src-main/core/serving/parquet-store.ts'
import { publishGold } from '../src-main/core/serving/publisher.ts'
import { FERRETDB_AVAILABLE, startFerretDb } from './helpers/ferretdb.ts'
import { goldRun } from './helpers/gold-run.ts'
import { http, openStream, readAll } from './helpers/http.ts'

const SCORES = collectionForRoute('/scores') as CollectionSpec

/** The answer without its timing, which differs from one request to the next. */
function withoutTiming(body: { data: unknown[]; meta: Record<string, unknown> }) {
  const { query_ms, ...meta } = body.meta
  expect(typeof query_ms).toBe('number')
  return { data: body.data, meta }
}

describe('streamed list pages (original size)', () => {
  const seed = goldRun()
  let api: RunningApi
  let store: ParquetStore

  beforeAll(async () => {
    await seed.ready()
    store = new ParquetStore(seed.lake)
    api = await startApi({ handlers: seed.core.handlers, store, events: seed.core.events, port: 0 })
  }, 300_000)

  afterAll(async () => {
    await api?.close()
    await store?.close()
  })

  const cases: { params: Record<string, string> }[] = [
    { params: { limit: '1500' } },
    { params: { limit: '1200', offset: '100', sort: 'recency_days:asc' } },
    { params: { limit: '2000', sort: 'id_client:desc' } },
  ]
  for (const { params } of cases) {
    it(`streams /scores?${new URLSearchParams(params)} as JSON.stringify would write it`, async () => {
      const query = parseListParams(SCORES, params)
      const expected = await store.list(SCORES, query)
      if (!expected) throw new Error('scores are empty')
      expect(expected.rows.length).toBeGreaterThan(STREAM_MIN_ROWS)

      const answer = await http(api.url, `/scores?${new URLSearchParams(params)}`)
      expect(answer.status).toBe(200)
      // Streamed: chunked, its length unknown when the headers left.
      expect(answer.headers['content-length']).toBeUndefined()
      expect(answer.headers['transfer-encoding']).toBe('chunked')
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
      const whole = JSON.parse(
        JSON.stringify({
          data: expected.rows,
          meta: {
            count: expected.rows.length,
            total: expected.total,
            offset: query.offset,
            limit: query.limit,
          },
        }),
      )
      expect(withoutTiming(answer.json() as never)).toEqual(whole)
      // Byte for byte, the rows are JSON.stringify's text.
      expect(answer.text.slice(0, answer.text.indexOf('],"meta":') + 1)).toBe(
        `{"data":${JSON.stringify(expected.rows)}`,
      )
    })
  }

  it.skipIf(!FERRETDB_AVAILABLE)(
    'streams MongoStore pages (kept per publish) the same way',
    async () => {
      const mongo = await startFerretDb()
      const client = await new MongoClient(mongo.url).connect()
      const store = new MongoStore(client.db('gold_serving'))
      const served = await startApi({
        handlers: seed.core.handlers,
        store,
        events: seed.core.events,
        port: 0,
      })
      try {
        await publishGold({ lake: seed.lake, db: client.db('gold_serving') })
        const query = parseListParams(SCORES, { limit: 1500, sort: 'monetary_12m:desc' })
        const expected = await store.list(SCORES, query)
        expect(expected?.rows.length).toBeGreaterThan(STREAM_MIN_ROWS)
        // Twice: the second answer is the kept one, its rows' text made by the first.
        for (let i = 0; i < 2; i++) {
          const answer = await http(served.url, '/scores?limit=1500&sort=monetary_12m:desc')
          expect(answer.headers['transfer-encoding']).toBe('chunked')
          expect(answer.text.slice(0, answer.text.indexOf('],"meta":') + 1)).toBe(
            `{"data":${JSON.stringify(expected?.rows)}`,
          )
        }
      } finally {
        await served.close()
        await client.close()
        await mongo.stop()
      }
    },
    300_000,
  )

  it('answers a small page at once, with its length', async () => {
    const answer = await http(api.url, '/scores?limit=20')
    expect(answer.status).toBe(200)
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(answer.text)))
    expect((answer.json() as { data: unknown[] }).data).toHaveLength(20)
  })

  it('compresses a big page when asked, and leaves small answers plain', async () => {
    const plain = await http(api.url, '/scores?limit=1500')
    const { res } = await openStream(api.url, '/scores?limit=1500', { 'Accept-Encoding': 'gzip' })
    expect(res.headers['content-encoding']).toBe('gzip')
    const zipped = await readAll(res)
    expect(zipped.length).toBeLessThan(Buffer.byteLength(plain.text) / 3)
    expect(withoutTiming(JSON.parse(gunzipSync(zipped).toString('utf8')))).toEqual(
      withoutTiming(plain.json() as never),
    )

    for (const path of ['/health', '/kpis', '/scores?limit=1']) {
      const small = await openStream(api.url, path, { 'Accept-Encoding': 'gzip, br' })
      expect(small.res.headers['content-encoding'], path).toBeUndefined()
      const text = (await readAll(small.res)).toString('utf8')
      expect(Buffer.byteLength(text)).toBeLessThan(1024)
      expect(JSON.parse(text)).toBeTypeOf('object')
    }
  })
})

describe('a big page whose reader stalls', () => {
  // 12,000 clients: a 10,000-row page (about 5 MB) is more than loopback's socket buffers take in.
  const big = goldRun({ clients: 12_000 })
  let api: RunningApi
  let store: ParquetStore

  beforeAll(async () => {
    await big.ready()
    store = new ParquetStore(big.lake)
    // One slot: if the stalled writer kept it, no other big page could be written.
    api = await startApi({
      handlers: big.core.handlers,
      store,
      events: big.core.events,
      port: 0,
      heavySlots: 1,
    })
  }, 600_000)

  afterAll(async () => {
    await api?.close()
    await store?.close()
  })

  it('answers /health and other big pages while it waits, then finishes it whole', async () => {
    const stalled = await openStream(api.url, '/scores?limit=10000')
    try {
      // Its first bytes arrive (the server is writing it), then it reads no more.
      const first = await new Promise<Buffer>((resolve) =>
        stalled.res.once('data', (chunk: Buffer) => {
          stalled.res.pause()
          resolve(chunk)
        }),
      )
      expect(first.toString('utf8')).toMatch(/^\{"data":\[/)
      let finished = false
      stalled.res.once('end', () => {
        finished = true
      })

      const health = await http(api.url, '/health')
      expect(health.status).toBe(200)
      expect((health.json() as { status: string }).status).toBe('ok')
      const other = await http(api.url, '/scores?limit=10000&sort=id_client')
      expect(other.status).toBe(200)
      expect((other.json() as { data: unknown[] }).data).toHaveLength(10_000)
      expect(finished).toBe(false)

      const rest = readAll(stalled.res)
      stalled.res.resume()
      const body = JSON.parse(Buffer.concat([first, await rest]).toString('utf8'))
      expect(body.data).toHaveLength(10_000)
      expect(body.meta.count).toBe(10_000)
    } finally {
      stalled.close()
    }
  }, 60_000)

  it('writes one chunk per slot in a turn of the event loop, so small requests get their turn', async () => {
    // Chunk writes counted between two runs of a ticker that comes back every turn of the loop. A writer
    // handed a slot used to write at once, and the slot went from writer to writer within one turn.
    const perTurn: number[] = []
    let writes = 0
    let ticking = true
    const tick = () => {
      perTurn.push(writes)
      writes = 0
      if (ticking) setImmediate(tick)
    }
    setImmediate(tick)
    const write = ServerResponse.prototype.write
    ServerResponse.prototype.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      if (Buffer.isBuffer(chunk) && chunk.length > 1024) writes++
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest)
    } as typeof write
    try {
      const pages = await Promise.all(Array.from({ length: 8 }, () => http(api.url, '/scores?limit=10000')))
      for (const page of pages) expect((page.json() as { data: unknown[] }).data).toHaveLength(10_000)
    } finally {
      ServerResponse.prototype.write = write
      ticking = false
    }
    expect(perTurn.reduce((a, b) => a + b, 0)).toBeGreaterThan(8 * 10)
    // One slot: one write per turn, two between ticks when the ticker runs mid-turn.
    expect(Math.max(...perTurn)).toBeLessThanOrEqual(2)
  }, 60_000)
})
