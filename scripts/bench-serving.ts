/**
 * Serving benchmark, per scale (the original's 23,663 purchases and 1M): publish throughput to MongoDB
 * (documents/s), each route's p50/p99 through the HTTP API from MongoDB and from ParquetStore, the whole
 * dashboard refresh (the routes the Overview and Customers pages need), and a load run (200 concurrent
 * connections for 10 s on loopback) with its error count. Compared in the same run against the original's
 * recorded refresh figures (its API over MongoDB and its Parquet reads, same data size).
 * Usage: npm run bench:serving -- [--scales seed,1m] [--connections 200] [--seconds 10] [--json]
 * MongoDB: MONGO_URL if set, else a FerretDB started here (scripts/build-ferretdb.sh). Never run by CI.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { MongoClient } from 'mongodb'
import { startApi } from '../src-main/core/api/server.ts'
import { createCore } from '../src-main/core/app-core.ts'
import { DASHBOARD_PANELS, panelPath } from '../src-main/core/bench/dashboard-panels.ts'
import { loadRun } from '../src-main/core/bench/http-load.ts'
import { apiReader, fetchOk } from '../src-main/core/bench/panel-readers.ts'
import { benchReference } from '../src-main/core/bench/reference.ts'
import { timeRefreshes, timeRepeated } from '../src-main/core/bench/refresh-timing.ts'
import { LocalLake } from '../src-main/core/lake/local-lake.ts'
import { MongoStore } from '../src-main/core/serving/mongo-store.ts'
import { publishGold } from '../src-main/core/serving/publisher.ts'
import type { ServingStore } from '../src-main/core/serving/serving-store.ts'
import { startFerretDb } from '../tests/helpers/ferretdb.ts'
import { SOURCE_PATHS } from './source-paths.ts'

const ROOT = resolve(import.meta.dirname, '..')
/** The routes the Overview and Customers pages load, as the original's dashboard did (spec §8). */
const DASHBOARD = DASHBOARD_PANELS.map(panelPath)
const ROUTES = [
  ...DASHBOARD,
  '/daily',
  '/weekly',
  '/monthly_growth',
  '/scores?segment_label=VIP&limit=20',
  '/health',
]

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: 'seed,1m' },
    connections: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
  },
})
const connections = Number(values.connections)
const seconds = Number(values.seconds)

function timeRequests(base: string, path: string, n: number): Promise<{ p50: number; p99: number }> {
  return timeRepeated(() => fetchOk(new URL(path, base)), n)
}

async function dashboardRefresh(base: string, n: number): Promise<{ p50: number; p99: number }> {
  const { total } = await timeRefreshes(apiReader(base), DASHBOARD_PANELS, n)
  return { p50: total.p50Ms, p99: total.p99Ms }
}

/** Per-route samples and refreshes; `load: false` skips the load run (a store that needs minutes for it). */
async function measureStore(
  store: ServingStore,
  core: ReturnType<typeof createCore>,
  { samples, load }: { samples: number; load: boolean },
) {
  const api = await startApi({ handlers: core.handlers, store, events: core.events, port: 0 })
  try {
    await dashboardRefresh(api.url, 3) // warm caches and connections
    const routes: Record<string, { p50: number; p99: number }> = {}
    for (const path of ROUTES) routes[path] = await timeRequests(api.url, path, samples)
    const refresh = await dashboardRefresh(api.url, Math.ceil(samples / 2))
    const loaded = load ? await loadRun(api.url, DASHBOARD, connections, seconds * 1000) : undefined
    return { routes, refresh, load: loaded }
  } finally {
    await api.close()
    // A store opened for this measure is closed here; an open MongoDB client would keep the process alive.
    if (store !== core.serving.store) await store.close()
  }
}

/** The original's recorded refresh (src-main/core/bench/original-refresh-benchmark.json), means per source. */
function originalRefresh(): { apiMs: number; parquetMs: number } {
  const mean = (source: string) =>
    benchReference().refresh.find((r) => r.source === source)?.total.meanMs ?? 0
  return { apiMs: mean('api'), parquetMs: mean('parquet') }
}

const work = mkdtempSync(join(tmpdir(), 'medallion-bench-serving-'))
const mongo = process.env.MONGO_URL ? undefined : await startFerretDb()
const mongoUrl = process.env.MONGO_URL ?? (mongo?.url as string)
const results = []
try {
  for (const scale of (values.scales ?? '').split(',')) {
    const purchases = scale === '1m' ? 1_000_000 : undefined
    const dataDir = join(work, scale)
    mkdirSync(dataDir, { recursive: true })
    const core = createCore({ dataDir, paths: SOURCE_PATHS })
    await core.sources.generate({ purchases }).done
    const run = await core.pipeline.start({ from: 'bronze' }).done

    const client = await new MongoClient(mongoUrl).connect()
    const db = client.db(`bench_${scale}`)
    await db.dropDatabase()
    const lake = new LocalLake(join(dataDir, 'lake'))
    const publishStarted = performance.now()
    const published = await publishGold({ lake, db })
    const publishS = (performance.now() - publishStarted) / 1000
    const documents = published.collections.reduce((s, c) => s + c.total, 0)

    const full = { samples: 100, load: true }
    const fromParquet = await measureStore(core.serving.store, core, full)
    const mongoConfig = { url: mongoUrl, db: `bench_${scale}` }
    const fromMongo = await measureStore(new MongoStore(mongoConfig), core, full)
    // The server's own work: every request reads it (what a first refresh after a publish costs). Past
    // the original's size FerretDB answers a sort by scanning, so fewer samples and no load run.
    const uncached = scale === 'seed' ? full : { samples: 6, load: false }
    const fromMongoUncached = await measureStore(
      new MongoStore(mongoConfig, { cacheAnswers: false }),
      core,
      uncached,
    )
    await client.close()
    await core.close()
    results.push({
      scale,
      purchases: run.kpis?.total_achats ?? 0,
      publish: { documents, seconds: publishS, docsPerS: documents / publishS },
      parquet: fromParquet,
      mongo: fromMongo,
      mongoUncached: fromMongoUncached,
    })
    rmSync(dataDir, { recursive: true, force: true })
  }
} finally {
  await mongo?.stop()
  rmSync(work, { recursive: true, force: true })
}

const entry = {
  timestamp: new Date().toISOString(),
  connections,
  seconds,
  results,
  baseline: originalRefresh(),
}
mkdirSync(join(ROOT, 'data/metrics'), { recursive: true })
appendFileSync(join(ROOT, 'data/metrics/serving-benchmark.jsonl'), `${JSON.stringify(entry)}\n`)
if (values.json) {
  console.log(JSON.stringify(entry, null, 2))
} else {
  const f = (n: number) => n.toFixed(2)
  for (const r of results) {
    console.log(`\n== ${r.scale}: ${r.purchases} purchases`)
    console.log(
      `publish: ${r.publish.documents} documents in ${f(r.publish.seconds)} s = ${Math.round(r.publish.docsPerS)} documents/s`,
    )
    const stores = [
      ['parquet', r.parquet],
      ['mongo', r.mongo],
      ['mongo uncached', r.mongoUncached],
    ] as const
    console.log(`route${' '.repeat(36)}${stores.map(([name]) => `${name} p50/p99 ms`.padStart(26)).join('')}`)
    for (const path of ROUTES) {
      const cells = stores.map(([, s]) => {
        const t = s.routes[path]
        return `${f(t?.p50 ?? 0).padStart(9)} / ${f(t?.p99 ?? 0).padEnd(9)}`.padStart(26)
      })
      console.log(`${path.padEnd(41)}${cells.join('')}`)
    }
    const refresh = stores.map(([name, s]) => `${name} p50 ${f(s.refresh.p50)} ms (p99 ${f(s.refresh.p99)})`)
    console.log(
      `dashboard refresh (${DASHBOARD.length} routes, sequential): ${refresh.join(', ')}; target < 30 ms`,
    )
    for (const [name, { load }] of stores) {
      if (!load) {
        console.log(`load ${name}: skipped at this scale (every request scans on FerretDB)`)
        continue
      }
      console.log(
        `load ${name}: ${connections} connections × ${seconds} s: ${load.requests} requests, ${Math.round(load.rps)} req/s, p50 ${f(load.p50)} ms, p99 ${f(load.p99)} ms, errors ${load.errors}`,
      )
    }
  }
  if (entry.baseline) {
    console.log(
      `\nbaseline (original, 23,663 purchases): dashboard refresh through its API ${f(entry.baseline.apiMs)} ms, from Parquet ${f(entry.baseline.parquetMs)} ms (means of its recorded runs)`,
    )
  }
}
