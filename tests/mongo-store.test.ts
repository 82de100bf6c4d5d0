/**
 * MongoStore's own queries on gold published into a real FerretDB (sorts, pages, filters, totals, KPIs,
 * health, an empty database), the three ways to build it, and MongoDB unreachable: a clear answer that
 * never shows the URL's password. Plus the configuration it reads and the redaction of secrets.
 */
import { MongoClient } from 'mongodb'
import type pl from 'nodejs-polars'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalLake } from '../src-main/core/lake/local-lake.ts'
import { type CollectionSpec, collection } from '../src-main/core/serving/collections.ts'
import { PUBLISH_COLLECTION } from '../src-main/core/serving/gold-documents.ts'
import { createMongoClient } from '../src-main/core/serving/mongo-client.ts'
import {
  describeClient,
  mongoConfigFromEnv,
  redactClientSecrets,
  redactMongoUrl,
  redactSecrets,
} from '../src-main/core/serving/mongo-config.ts'
import { MongoStore } from '../src-main/core/serving/mongo-store.ts'
import { publishGold } from '../src-main/core/serving/publisher.ts'
import type { ListQuery } from '../src-main/core/serving/serving-store.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import {
  FERRETDB_AVAILABLE,
  FERRETDB_SKIP_REASON,
  freePort,
  type RunningMongo,
  startFerretDb,
} from './helpers/ferretdb.ts'
import { type Gold, goldRun } from './helpers/gold-run.ts'
import { expectedRows } from './helpers/store-suite.ts'

const PASSWORD = 's3cret-pw'

describe('MongoDB configuration', () => {
  it('reads MONGO_URL, accepts the original MONGO_URI, defaults MONGO_DB to gold_serving', () => {
    expect(mongoConfigFromEnv({})).toBeUndefined()
    expect(mongoConfigFromEnv({ MONGO_URL: '  ' })).toBeUndefined()
    expect(mongoConfigFromEnv({ MONGO_URL: 'mongodb://a:1/' })).toEqual({
      url: 'mongodb://a:1/',
      db: 'gold_serving',
    })
    expect(mongoConfigFromEnv({ MONGO_URI: 'mongodb://b:2/', MONGO_DB: 'served' })).toEqual({
      url: 'mongodb://b:2/',
      db: 'served',
    })
    expect(mongoConfigFromEnv({ MONGO_URL: 'mongodb://a:1/', MONGO_URI: 'mongodb://b:2/' })?.url).toBe(
      'mongodb://a:1/',
    )
  })

  it('masks the password of every kind of URL and keeps the user', () => {
    const cases: [string, string][] = [
      ['mongodb://medallion:s3cret-pw@127.0.0.1:27017/', 'mongodb://medallion:****@127.0.0.1:27017/'],
      [
        'mongodb+srv://u:p%40ss%2Fw@cluster.example.net/db?retryWrites=true',
        'mongodb+srv://u:****@cluster.example.net/db?retryWrites=true',
      ],
      ['mongodb://u:pw@h1:1,h2:2,h3:3/?replicaSet=rs', 'mongodb://u:****@h1:1,h2:2,h3:3/?replicaSet=rs'],
      // Unencoded '@', '/' or '?' in a password: never show any part of it.
      ['mongodb://u:p@ss/w?rd@host:27017/db', 'mongodb://u:****@host:27017/db'],
      ['mongodb://user@host/', 'mongodb://user@host/'],
      ['mongodb://host:27017/', 'mongodb://host:27017/'],
      [
        'mongodb://h/?tls=true&tlsCertificateKeyFilePassword=k3y&authMechanismProperties=AWS_SESSION_TOKEN:t0k',
        'mongodb://h/?tls=true&tlsCertificateKeyFilePassword=****&authMechanismProperties=****',
      ],
    ]
    for (const [url, masked] of cases) expect(redactMongoUrl(url), url).toBe(masked)
  })

  it('removes the password from any text, however it is written', () => {
    const url = 'mongodb://u:p%40ss@h:1/'
    const text = `failed: ${url}; auth p%40ss / p@ss; other mongodb://x:y@z/ and mongodb://v:w@t@r/`
    const out = redactSecrets(text, url)
    expect(out).not.toMatch(/p%40ss|p@ss|x:y@|w@t/)
    expect(out).toContain('mongodb://v:****@r/')
    expect(out).toContain('mongodb://u:****@h:1/')
  })

  it('masks a client password in its messages, and describes the client by its hosts only', async () => {
    const client = new MongoClient(`mongodb://u:${encodeURIComponent('p@ss w')}@h1:1,h2:2/`)
    try {
      expect(redactClientSecrets('auth failed for u with p@ss w', client)).toBe('auth failed for u with ****')
      expect(describeClient(client)).toBe('mongodb://h1:1,h2:2')
    } finally {
      await client.close()
    }
  })

  it('refuses a malformed URL without quoting its password', () => {
    const err = (() => {
      try {
        createMongoClient(`mongodb://u:${PASSWORD}@host:notaport/`)
      } catch (e) {
        return e as Error & { code?: string }
      }
    })()
    expect(err?.code).toBe('invalid_config')
    expect(err?.message).toMatch(/not a valid MongoDB connection string/)
    expect(err?.message).not.toContain(PASSWORD)
  })
})

describe('MongoStore with MongoDB unreachable', () => {
  it('health is not ok with a clear detail, reads fail as unreachable, the password never shows', async () => {
    const port = await freePort()
    const store = new MongoStore({
      url: `mongodb://medallion:${PASSWORD}@127.0.0.1:${port}/`,
      db: 'gold_serving',
    })
    try {
      const started = performance.now()
      const health = await store.health()
      expect(performance.now() - started).toBeLessThan(5_000)
      expect(health).toMatchObject({ store: 'mongo', ok: false })
      expect(health.detail).toMatch(
        new RegExp(
          `MongoDB at mongodb://medallion:\\*\\*\\*\\*@127\\.0\\.0\\.1:${port}/ database gold_serving is not reachable`,
        ),
      )
      expect(health.detail).not.toContain(PASSWORD)
      for (const read of [
        () => store.kpis(),
        () =>
          store.list(collection('gold_monthly'), {
            sort: { field: 'mois', dir: 1 },
            offset: 0,
            limit: 5,
            filter: {},
          }),
      ]) {
        const err = (await read().catch((e: unknown) => e)) as Error & { code?: string }
        expect(err.code).toBe('store_unreachable')
        expect(err.message).toMatch(/is not reachable/)
        expect(err.message).not.toContain(PASSWORD)
      }
    } finally {
      await store.close()
    }
  })
})

describe.skipIf(!FERRETDB_AVAILABLE)(
  `MongoStore queries (${FERRETDB_AVAILABLE ? 'FerretDB' : FERRETDB_SKIP_REASON})`,
  () => {
    const fixture = goldRun({ clients: 300, seed: 5 })
    let server: RunningMongo
    let client: MongoClient
    let store: MongoStore
    let run: RunRecord
    let gold: Gold
    const scores = collection('gold_client_scores')
    const page = (query: Partial<ListQuery>, spec: CollectionSpec = scores) =>
      store.list(spec, {
        sort: { field: 'expected_value_12m', dir: -1 },
        offset: 0,
        limit: 10_000,
        filter: {},
        ...query,
      })
    const want = (query: Partial<ListQuery>, spec: CollectionSpec = scores) => {
      const rows = expectedRows(spec, gold.tables[spec.table] as pl.DataFrame, {
        sort: query.sort ?? { field: 'expected_value_12m', dir: -1 },
        filter: query.filter ?? {},
      })
      const offset = query.offset ?? 0
      return { rows: rows.slice(offset, offset + (query.limit ?? 10_000)), total: rows.length }
    }

    beforeAll(async () => {
      ;({ run, gold } = await fixture.ready())
      server = await startFerretDb()
      client = await new MongoClient(server.url).connect()
      await publishGold({ lake: new LocalLake(fixture.lake.root), db: client.db('gold_serving') })
      store = new MongoStore(client.db('gold_serving'))
    }, 120_000)
    afterAll(async () => {
      await store?.close()
      await client?.close()
      await server?.stop()
    })

    it('sorts both ways, ties broken by the key', async () => {
      for (const sort of [
        { field: 'expected_value_12m', dir: -1 },
        { field: 'expected_value_12m', dir: 1 },
        { field: 'segment_label', dir: 1 },
        { field: 'segment_label', dir: -1 },
        { field: 'last_purchase', dir: -1 },
        { field: 'id_client', dir: -1 },
      ] as const) {
        expect(await page({ sort }), `${sort.field}:${sort.dir}`).toEqual(want({ sort }))
      }
    })

    it('pages with offset and limit, and counts every matching row', async () => {
      const first = await page({ offset: 0, limit: 7 })
      const second = await page({ offset: 7, limit: 7 })
      expect(first).toEqual(want({ offset: 0, limit: 7 }))
      expect(second).toEqual(want({ offset: 7, limit: 7 }))
      expect(first?.total).toBe(gold.tables.client_scores?.height)
      expect(await page({ offset: 10_000, limit: 5 })).toEqual({ rows: [], total: first?.total })
    })

    it('filters by segment_label, by id_client (a key lookup) and by both', async () => {
      const segments = Object.keys(gold.kpis.segments)
      expect(segments.length).toBeGreaterThan(1)
      for (const segment of segments) {
        const filter = { segment_label: segment }
        const result = await page({ filter, limit: 5 })
        expect(result, segment).toEqual(want({ filter, limit: 5 }))
        expect(result?.total).toBe(gold.kpis.segments[segment])
      }
      const someone = (await page({ limit: 1, offset: 3 }))?.rows[0]
      const id = someone?.id_client as number
      expect(await page({ filter: { id_client: id } })).toEqual({ rows: [someone], total: 1 })
      expect(await page({ filter: { id_client: id }, offset: 1 })).toEqual({ rows: [], total: 1 })
      expect(await page({ filter: { id_client: String(id) } })).toEqual({ rows: [], total: 0 })
      expect(await page({ filter: { id_client: -1 } })).toEqual({ rows: [], total: 0 })
      const both = { id_client: id, segment_label: someone?.segment_label as string }
      expect(await page({ filter: both })).toEqual({ rows: [someone], total: 1 })
      const other = segments.find((s) => s !== someone?.segment_label) as string
      expect(await page({ filter: { id_client: id, segment_label: other } })).toEqual({ rows: [], total: 0 })
    })

    it('serves only the catalog fields, as plain JSON values', async () => {
      const fact = collection('gold_fact_achats')
      const result = await page({ sort: { field: 'date_achat', dir: 1 }, limit: 3 }, fact)
      expect(result).toEqual(want({ sort: { field: 'date_achat', dir: 1 }, limit: 3 }, fact))
      for (const row of result?.rows ?? []) {
        expect(Object.keys(row)).toEqual([...fact.fields])
        expect(row.date_achat).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/)
      }
    })

    it('serves the KPIs of the published run, with dataset_size = total_achats', async () => {
      const { segments: _segments, ...figures } = run.kpis as NonNullable<RunRecord['kpis']>
      expect(await store.kpis()).toEqual({ ...figures, dataset_size: figures.total_achats })
    })

    it('is healthy, says where it reads (no credentials) and which run it serves', async () => {
      const port = new URL(server.url).port
      expect(await store.health()).toEqual({
        store: 'mongo',
        ok: true,
        detail: `mongodb://127.0.0.1:${port} database gold_serving`,
        runId: run.runId,
      })
    })

    it('asked for its health and KPIs at once, reads the publish document once, beside the ping', async () => {
      const watched = createMongoClient(server.url, { monitorCommands: true })
      const commands: string[] = []
      watched.on('commandStarted', (event) => {
        const target = event.command[event.commandName]
        commands.push(typeof target === 'string' ? `${event.commandName} ${target}` : event.commandName)
      })
      const watchedStore = new MongoStore({ client: watched, db: 'gold_serving' })
      try {
        await watchedStore.health() // connects, and fills the KPIs' cache for this publish
        await watchedStore.kpis()
        commands.length = 0
        const [health, kpis] = await Promise.all([watchedStore.health(), watchedStore.kpis()])
        expect(health).toMatchObject({ ok: true, runId: run.runId })
        expect(kpis).toEqual(await store.kpis())
        expect(commands.sort()).toEqual([`find ${PUBLISH_COLLECTION}`, 'ping'])
      } finally {
        await watchedStore.close()
        await watched.close()
      }
    })

    it('answers the same whether built from a Db, a client and a name, or a URL', async () => {
      const fromClient = new MongoStore({ client, db: 'gold_serving' })
      const fromUrl = new MongoStore({ url: server.url, db: 'gold_serving' })
      try {
        const query = { filter: { segment_label: 'VIP' }, limit: 20 }
        const expected = await page(query)
        for (const other of [fromClient, fromUrl]) {
          expect(
            await other.list(scores, { sort: { field: 'expected_value_12m', dir: -1 }, offset: 0, ...query }),
          ).toEqual(expected)
          expect(await other.kpis()).toEqual(await store.kpis())
        }
        expect((await fromUrl.health()).detail).toBe(`${server.url} database gold_serving`)
      } finally {
        await fromClient.close()
        await fromUrl.close()
      }
      // The caller's client stays open after a store built on it closes.
      expect(await page({ limit: 1 })).not.toBeNull()
    })

    it('null when nothing is published: empty database, KPIs and every list', async () => {
      const empty = new MongoStore(client.db('nothing_here'))
      expect(await empty.kpis()).toBeNull()
      expect(
        await empty.list(scores, { sort: { field: 'id_client', dir: 1 }, offset: 0, limit: 5, filter: {} }),
      ).toBeNull()
      expect(
        await empty.list(scores, {
          sort: { field: 'id_client', dir: 1 },
          offset: 0,
          limit: 5,
          filter: { id_client: 1 },
        }),
      ).toBeNull()
      expect(await empty.health()).toMatchObject({ ok: true })
      expect((await empty.health()).runId).toBeUndefined()
    })
  },
)
