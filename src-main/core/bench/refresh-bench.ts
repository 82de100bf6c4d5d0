/**
 * The refresh benchmark: the Overview and Customers dashboard loaded again and again from each source the
 * app can read gold from — the lake's Parquet (a ParquetStore), the serving MongoDB when the core serves
 * from one (a MongoStore), and the read API over loopback HTTP — per panel and in total, p50/p99.
 */
import type {
  RefreshBenchResult,
  RefreshSource,
  RefreshSourceResult,
} from '../../../src-preload/contract-bench.ts'
import { startApi } from '../api/server.ts'
import type { Core } from '../app-core.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import { redactMongoUrl } from '../serving/mongo-config.ts'
import { MongoStore } from '../serving/mongo-store.ts'
import { ParquetStore } from '../serving/parquet-store.ts'
import type { ServingStore } from '../serving/serving-store.ts'
import { DASHBOARD_PANELS } from './dashboard-panels.ts'
import { apiReader, type PanelReader, storeReader } from './panel-readers.ts'
import { timeRefreshes } from './refresh-timing.ts'
import { servingMongo } from './serving-mongo.ts'

export interface RefreshBenchOptions {
  /** Measured refreshes per source, after a first one. */
  samples: number
  signal: AbortSignal
  onProgress?(fraction: number, step: string): void
  onLog?(line: string): void
}

type RefreshCore = Pick<Core, 'options' | 'serving' | 'mongo' | 'lake' | 'handlers' | 'events'>

interface SourcePlan {
  source: RefreshSource
  detail: string
  /** Opens the reader; the returned close releases what it opened. */
  open(): Promise<{ read: PanelReader; close(): Promise<void> }>
}

function storeSource(source: RefreshSource, detail: string, create: () => ServingStore): SourcePlan {
  return {
    source,
    detail,
    async open() {
      const store = create()
      return { read: storeReader(store), close: () => store.close() }
    },
  }
}

async function plan(
  core: RefreshCore,
): Promise<{ sources: SourcePlan[]; skipped: RefreshBenchResult['skipped'] }> {
  // Fresh stores, so the first refresh reads the data as a newly opened app would.
  const sources = [
    storeSource('parquet', `gold Parquet in ${core.lake.location}`, () => new ParquetStore(core.lake)),
  ]
  const skipped: RefreshBenchResult['skipped'] = []
  const mongo = await servingMongo(core)
  if (mongo) {
    const detail = `${redactMongoUrl(mongo.url)} database ${mongo.db}`
    sources.push(storeSource('mongo', detail, () => new MongoStore(mongo)))
  } else {
    skipped.push({
      source: 'mongo',
      reason:
        'the core serves from the lake: set MONGO_URL (or run medallion up) and publish to compare MongoDB',
    })
  }
  sources.push({
    source: 'api',
    detail: `the read API on loopback, serving from ${core.serving.store.kind === 'mongo' ? 'MongoDB' : 'the lake'}`,
    async open() {
      const api = await startApi({
        handlers: core.handlers,
        store: () => core.serving.store,
        events: core.events,
        port: 0,
      })
      return { read: apiReader(api.url), close: () => api.close() }
    },
  })
  return { sources, skipped }
}

export async function runRefreshBench(
  core: RefreshCore,
  options: RefreshBenchOptions,
): Promise<Pick<RefreshBenchResult, 'datasetSize' | 'runId' | 'sources' | 'skipped'>> {
  const [kpis, health] = await Promise.all([core.serving.store.kpis(), core.serving.status()])
  if (!kpis) {
    throw new MedallionError(
      'not_published',
      'nothing is published yet: run the pipeline (medallion run) first, then benchmark the refresh',
    )
  }
  const { sources, skipped } = await plan(core)
  const results: RefreshSourceResult[] = []
  for (const [i, source] of sources.entries()) {
    options.onProgress?.(i / sources.length, `refresh from ${source.source}`)
    const opened = await source.open()
    try {
      const times = await timeRefreshes(opened.read, DASHBOARD_PANELS, options.samples, {
        signal: options.signal,
        onRefresh: (done, of) =>
          options.onProgress?.((i + done / of) / sources.length, `refresh from ${source.source}`),
      })
      results.push({ source: source.source, detail: source.detail, ...times })
      options.onLog?.(
        `${source.source}: refresh p50 ${times.total.p50Ms.toFixed(2)} ms, p99 ${times.total.p99Ms.toFixed(2)} ms (first ${times.total.firstMs.toFixed(1)} ms)`,
      )
    } catch (err) {
      if (options.signal.aborted) throw err
      // One source failing (MongoDB down) must not lose the others' figures.
      skipped.push({ source: source.source, reason: errorMessage(err) })
      options.onLog?.(`${source.source}: not measured: ${errorMessage(err)}`)
    } finally {
      await opened.close()
    }
  }
  if (results.length === 0) {
    throw new MedallionError(
      'bench_failed',
      `no source could be measured: ${skipped.map((s) => `${s.source}: ${s.reason}`).join('; ')}`,
    )
  }
  return { datasetSize: kpis.total_achats, runId: health.runId, sources: results, skipped }
}
