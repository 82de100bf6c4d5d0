/**
 * The embedded serving store: answers from the gold Parquet of the lake's current run, with no database.
 * Tables are read on first use and kept in memory per run; a newer committed run is noticed by asking the
 * lake at most once per check interval (a request after that sees it), and the old run's tables are dropped.
 */
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import type { RunRecord } from '../../../src-preload/contract.ts'
import type { SalesFilter, SalesResult } from '../../../src-preload/contract-insights.ts'
import { errorMessage } from '../errors.ts'
import type { Lake } from '../lake/lake.ts'
import type { CollectionSpec } from './collections.ts'
import { ColumnTable } from './column-table.ts'
import { parquetSales } from './parquet-sales.ts'
import type {
  KeyValue,
  ListQuery,
  ListResult,
  Row,
  ServedKpis,
  ServedPage,
  ServingStore,
  StoreHealth,
} from './serving-store.ts'

export interface ParquetStoreOptions {
  /** How long a look at the lake's current run is trusted (ms). */
  checkIntervalMs?: number
}

interface RunCache {
  runId: string
  goldFolder: string
  /** Resolved on the first table read. */
  goldDir?: string
  tables: Map<string, Promise<ColumnTable | null>>
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

export class ParquetStore implements ServingStore {
  readonly kind = 'parquet' as const
  private readonly checkIntervalMs: number
  private known: { run: RunRecord | undefined; at: number } | undefined
  private checking: Promise<RunRecord | undefined> | undefined
  /** Bumped by refresh(): a look at the lake begun before it must not be trusted after it. */
  private generation = 0
  private cache: RunCache | undefined

  constructor(
    private readonly lake: Lake,
    /** The lake folder as users know it, for /health and messages. */
    private readonly lakeDir: string = lake.location,
    options: ParquetStoreOptions = {},
  ) {
    this.checkIntervalMs = options.checkIntervalMs ?? 1000
  }

  /** Forget what the lake said: the next request asks again (e.g. right after a run commits). */
  refresh(): void {
    this.generation++
    this.known = undefined
    this.checking = undefined
  }

  async health(): Promise<StoreHealth> {
    try {
      const run = await this.currentRun()
      return { store: 'parquet', ok: true, detail: this.lakeDir, runId: run?.runId }
    } catch (err) {
      return {
        store: 'parquet',
        ok: false,
        detail: `cannot read the lake at ${this.lakeDir}: ${errorMessage(err)}`,
      }
    }
  }

  async kpis(): Promise<ServedKpis | null> {
    const kpis = (await this.currentRun())?.kpis
    if (!kpis || kpis.total_achats === 0) return null
    return {
      total_ca: kpis.total_ca,
      total_achats: kpis.total_achats,
      total_clients: kpis.total_clients,
      panier_moyen: kpis.panier_moyen,
      expected_total: kpis.expected_total,
      dataset_size: kpis.total_achats,
    }
  }

  async list(spec: CollectionSpec, query: ListQuery): Promise<ListResult | null> {
    const table = await this.table(spec)
    return table ? table.query(query) : null
  }

  async page(spec: CollectionSpec, query: ListQuery): Promise<ServedPage | null> {
    const table = await this.table(spec)
    return table ? table.page(query) : null
  }

  async byKeys(spec: CollectionSpec, keys: readonly KeyValue[]): Promise<Row[] | null> {
    const table = await this.table(spec)
    return table ? table.byKeys(keys) : null
  }

  async sales(filter: SalesFilter): Promise<SalesResult | null> {
    const gold = (await this.currentRun())?.layers.gold
    return gold ? parquetSales(await this.lake.localLayerDir(gold), filter) : null
  }

  async close(): Promise<void> {
    this.cache = undefined
    this.known = undefined
  }

  /** The current run, asking the lake only when the last answer is older than the check interval. */
  private async currentRun(): Promise<RunRecord | undefined> {
    if (this.known && Date.now() - this.known.at < this.checkIntervalMs) return this.known.run
    if (this.checking) return this.checking
    // One look at a time, shared by every request waiting for it.
    const generation = this.generation
    const checking = this.lake
      .currentRun()
      .then((run) => {
        if (generation === this.generation) {
          this.known = { run, at: Date.now() }
          if (this.cache && this.cache.runId !== run?.runId) this.cache = undefined
        }
        return run
      })
      .finally(() => {
        if (this.checking === checking) this.checking = undefined
      })
    this.checking = checking
    return checking
  }

  private async table(spec: CollectionSpec): Promise<ColumnTable | null> {
    const run = await this.currentRun()
    const goldFolder = run?.layers.gold
    if (!run || !goldFolder) return null
    if (this.cache?.runId !== run.runId) this.cache = { runId: run.runId, goldFolder, tables: new Map() }
    const cache = this.cache
    let table = cache.tables.get(spec.table)
    if (!table) {
      table = this.load(cache, spec)
      cache.tables.set(spec.table, table)
      // A failed read is not kept: the next request tries again.
      table.catch(() => {
        if (cache.tables.get(spec.table) === table) cache.tables.delete(spec.table)
      })
    }
    return table
  }

  private async load(cache: RunCache, spec: CollectionSpec): Promise<ColumnTable | null> {
    try {
      cache.goldDir ??= await this.lake.localLayerDir(cache.goldFolder)
    } catch (err) {
      throw new Error(
        `the gold folder of run ${cache.runId} cannot be read in ${this.lakeDir}: ${errorMessage(err)}`,
      )
    }
    const path = join(cache.goldDir, `${spec.table}.parquet`)
    // A table missing from the run is served like an empty collection (503), not as an error.
    if (!(await exists(path))) return null
    // Read on Polars' threads: the event loop keeps answering meanwhile.
    const frame = await pl.scanParquet(path).collect()
    if (frame.height === 0) return null
    return ColumnTable.fromFrame(frame, spec.fields, spec.key)
  }
}
