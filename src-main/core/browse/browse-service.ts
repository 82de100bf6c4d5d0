/**
 * The data browser's one entry (the contract's data.browse* calls, `medallion show`, GET /lake and the
 * CSV export): resolves a source — a table of a kept run's layer in the lake, or a collection of the
 * serving MongoDB — and answers from the store that holds it.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Db } from 'mongodb'
import type {
  BrowseExportQuery,
  BrowsePage,
  BrowsePageQuery,
  BrowseQuery,
  BrowseSource,
  BrowseStats,
  BrowseTables,
} from '../../../src-preload/contract-browse.ts'
import type { Core } from '../app-core.ts'
import { MedallionError } from '../errors.ts'
import { browsedRun, lakeTable, runTables } from './lake-tables.ts'

type BrowseCore = Pick<Core, 'lake' | 'mongo'>

/** Recent runs offered in the run picker (the history keeps about ten). */
const RUNS_LISTED = 50

const parquet = () => import('./parquet-browse.ts')
const mongo = () => import('./mongo-browse.ts')

/** What a CSV of a source is called: the layer and table, or the collection. */
export function exportName(source: BrowseSource): string {
  return 'collection' in source ? source.collection : `${source.layer}-${source.table}`
}

const STALE_MS = 24 * 60 * 60 * 1000

async function removeStale(dir: string): Promise<void> {
  const now = Date.now()
  for (const name of await readdir(dir)) {
    const path = join(dir, name)
    const info = await stat(path).catch(() => undefined)
    if (info && now - info.mtimeMs > STALE_MS) await rm(path, { force: true })
  }
}

export class BrowseService {
  constructor(
    private readonly core: BrowseCore,
    /** Where the HTTP export stages its file before sending it (inside the private data folder). */
    private readonly dataDir: string,
  ) {}

  /** Runs a read on the serving MongoDB; refused when gold is not served from one. */
  private async withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
    const config = this.core.mongo
    if (!config) {
      throw new MedallionError(
        'unavailable',
        'collections can be browsed when gold is served from MongoDB (MONGO_URL, or the stack): browse the lake’s tables instead',
      )
    }
    const { createMongoClient } = await import('../serving/mongo-client.ts')
    const client = createMongoClient(config.url)
    try {
      await client.connect()
      return await work(client.db(config.db))
    } finally {
      await client.close()
    }
  }

  private withCollection<T>(name: string, work: (collection: ReturnType<Db['collection']>) => Promise<T>) {
    return this.withDb(async (db) => {
      const names = await (await mongo()).mongoCollections(db)
      if (!names.includes(name)) {
        throw new MedallionError(
          'not_found',
          `no collection ${name} in the serving database: it holds ${names.join(', ') || 'none'}`,
        )
      }
      return work(db.collection(name))
    })
  }

  async tables(input: { run?: string }): Promise<BrowseTables> {
    const lake = this.core.lake
    const kept = await lake.listRuns()
    const runs = kept
      .filter((r) => Object.keys(r.layers).length > 0)
      .slice(0, RUNS_LISTED)
      .map((r) => ({ runId: r.runId, status: r.status, finishedAt: r.finishedAt }))
    const run =
      input.run || kept.some((r) => r.status === 'succeeded') ? await browsedRun(lake, input.run) : undefined
    const layers = run ? await runTables(lake, run) : { bronze: [], silver: [], gold: [] }
    const collections = this.core.mongo
      ? await this.withDb(async (db) => (await mongo()).mongoCollections(db))
      : undefined
    return { ...(run ? { runId: run.runId } : {}), runs, layers, ...(collections ? { collections } : {}) }
  }

  async page(query: BrowsePageQuery): Promise<BrowsePage> {
    const { source, offset, limit } = query
    if ('collection' in source) {
      const page = await this.withCollection(source.collection, async (c) =>
        (await mongo()).mongoPage(c, query),
      )
      return { ...page, offset, limit }
    }
    const table = await lakeTable(this.core.lake, source)
    const page = await (await parquet()).parquetPage(table, query)
    return { runId: table.runId, ...page, offset, limit }
  }

  async stats(query: Pick<BrowseQuery, 'source' | 'filters'>): Promise<BrowseStats> {
    const { source } = query
    if ('collection' in source) {
      return this.withCollection(source.collection, async (c) => (await mongo()).mongoStats(c, query))
    }
    const table = await lakeTable(this.core.lake, source)
    return { runId: table.runId, ...(await (await parquet()).parquetStats(table, query)) }
  }

  /**
   * Streams the whole result to `path` as CSV: written beside it under a hidden name and renamed when
   * complete, so the file appears whole or not at all. Returns the rows written.
   */
  async exportCsv(
    query: Pick<BrowseExportQuery, 'source' | 'sort' | 'filters' | 'columns'>,
    path: string,
  ): Promise<number> {
    const partial = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`)
    try {
      const rows = await this.writeCsv(query, partial)
      await rename(partial, path)
      return rows
    } finally {
      await rm(partial, { force: true })
    }
  }

  /**
   * The CSV in a private staging file of the data folder, for a response to stream; the caller removes it.
   * Files a killed server left there (older than a day, longer than any download) go first.
   */
  async stageCsv(
    query: Pick<BrowseExportQuery, 'source' | 'sort' | 'filters' | 'columns'>,
  ): Promise<{ path: string; rows: number }> {
    const dir = join(this.dataDir, 'exports', '.staging')
    await mkdir(dir, { recursive: true })
    await removeStale(dir)
    const path = join(dir, `${randomBytes(8).toString('hex')}.csv`)
    try {
      return { path, rows: await this.writeCsv(query, path) }
    } catch (err) {
      await rm(path, { force: true })
      throw err
    }
  }

  private async writeCsv(
    query: Pick<BrowseExportQuery, 'source' | 'sort' | 'filters' | 'columns'>,
    path: string,
  ): Promise<number> {
    const { source } = query
    if ('collection' in source) {
      return this.withCollection(source.collection, async (c) => (await mongo()).mongoCsv(c, query, path))
    }
    const table = await lakeTable(this.core.lake, source)
    return (await parquet()).parquetCsv(table, query, path)
  }
}
