/**
 * A real pipeline run for serving tests: generated sources → bronze → silver → gold in a temp data folder,
 * and that run's gold read back from Parquet as the expected answers. Call at describe level (it
 * registers cleanup hooks), then await `ready()` in a beforeAll.
 */
import { join } from 'node:path'
import pl from 'nodejs-polars'
import { GOLD_TABLES, type GoldTableName } from '../../pipelines/gold/index.ts'
import type { Core } from '../../src-main/core/app-core.ts'
import { LocalLake } from '../../src-main/core/lake/local-lake.ts'
import type { GoldKpis, RunRecord } from '../../src-preload/contract.ts'
import { tempDir, testCore } from './temp-data.ts'

export interface Gold {
  tables: Partial<Record<GoldTableName, pl.DataFrame>>
  kpis: GoldKpis
}

export interface GoldRun {
  dataDir: string
  core: Core
  lake: LocalLake
  /** Generates the sources and runs the pipeline once (`clients` omitted: the original's size). */
  ready(): Promise<{ run: RunRecord; gold: Gold }>
}

export function readGold(lake: LocalLake, run: RunRecord): Gold {
  const dir = join(lake.root, run.layers.gold as string)
  const tables: Gold['tables'] = {}
  for (const table of GOLD_TABLES) tables[table] = pl.readParquet(join(dir, `${table}.parquet`))
  if (!run.kpis) throw new Error(`run ${run.runId} has no KPIs`)
  return { tables, kpis: run.kpis }
}

export function goldRun(options: { clients?: number; seed?: number } = {}): GoldRun {
  const dataDir = tempDir('medallion-serving-')
  const core = testCore(dataDir)
  const lake = new LocalLake(join(dataDir, 'lake'))
  let result: Promise<{ run: RunRecord; gold: Gold }> | undefined
  return {
    dataDir,
    core,
    lake,
    ready() {
      result ??= (async () => {
        await core.sources.generate({ clients: options.clients, seed: options.seed ?? 42, dirtyShare: 0 })
          .done
        const run = await core.pipeline.start({ from: 'bronze' }).done
        return { run, gold: readGold(lake, run) }
      })()
      return result
    },
  }
}
