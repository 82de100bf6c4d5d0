/**
 * Runs the layers of one pipeline run, from a chosen layer to gold, reading the layers before it from the
 * previous good run. Pure data work: it reads and writes local folders it is given and reports progress;
 * committing the run is the caller's job.
 */
import { statSync } from 'node:fs'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import type { GoldKpis, Layer, StepStats } from '../src-preload/contract.ts'
import { readSource } from './bronze.ts'
import { buildGold, GOLD_TABLES } from './gold/index.ts'
import { goldKpis } from './gold-kpis.ts'
import { PipelineInputError } from './pipeline-error.ts'
import { HORIZON_DAYS, REQUIRED_CLIENT_COLUMNS, REQUIRED_PURCHASE_COLUMNS } from './schema.ts'
import { buildSilver } from './silver/index.ts'

export interface LayerPlan {
  runId: string
  from: Layer
  /** Source files for bronze (CSV or Parquet). */
  sources?: { clients: string; achats: string }
  /** Local folders of the committed layers this run starts after. */
  reuse: Partial<Record<Layer, string>>
  /** Local folders this run writes, one per layer it computes. */
  out: Partial<Record<Layer, string>>
  /** "Now" (UTC microseconds) for silver's date bound: injected so a run can be reproduced. */
  nowMicros: number
  horizonDays?: number
}

export interface LayerResult {
  tables: Record<string, number>
  quality: Record<string, Record<string, number>>
  referenceDate?: string
  bytes: number
  kpis: GoldKpis
}

export interface LayerReporter {
  progress(fraction: number, label: string): void
  step(stats: StepStats): void
}

interface Written {
  tables: Record<string, number>
  bytes: number
}

function writeTable(df: pl.DataFrame, layer: Layer, dir: string, table: string, written: Written): void {
  const path = join(dir, `${table}.parquet`)
  df.writeParquet(path, { compression: 'zstd' })
  written.tables[`${layer}/${table}`] = df.height
  written.bytes += statSync(path).size
}

function readLayerTable(dir: string | undefined, layer: Layer, table: string): pl.DataFrame {
  if (!dir)
    throw new PipelineInputError(
      'no_previous_run',
      `no committed ${layer} layer to start from: run from an earlier layer`,
    )
  return pl.readParquet(join(dir, `${table}.parquet`))
}

function outDir(plan: LayerPlan, layer: Layer): string {
  const dir = plan.out[layer]
  if (!dir) throw new Error(`no output folder for ${layer}`)
  return dir
}

export function runLayers(plan: LayerPlan, report: LayerReporter): LayerResult {
  const written: Written = { tables: {}, bytes: 0 }
  const quality: LayerResult['quality'] = {}
  const timed = <T>(
    layer: Layer,
    table: string,
    rowsIn: number,
    work: () => T,
    rowsOut: (r: T) => number,
  ): T => {
    const start = performance.now()
    const result = work()
    report.step({ layer, table, rowsIn, rowsOut: rowsOut(result), ms: performance.now() - start })
    return result
  }

  let bronze: { clients: pl.DataFrame; achats: pl.DataFrame }
  if (plan.from === 'bronze') {
    if (!plan.sources) throw new Error('bronze needs source files')
    const sources = plan.sources
    report.progress(0.02, 'bronze: reading sources')
    const lineage = { batchId: plan.runId, ingestedAtMicros: plan.nowMicros }
    const dir = outDir(plan, 'bronze')
    const land = (table: 'clients' | 'achats', path: string, required: readonly string[]) =>
      timed(
        'bronze',
        table,
        0,
        () => {
          const df = readSource({ path, required }, lineage)
          writeTable(df, 'bronze', dir, table, written)
          return df
        },
        (df) => df.height,
      )
    bronze = {
      clients: land('clients', sources.clients, REQUIRED_CLIENT_COLUMNS),
      achats: land('achats', sources.achats, REQUIRED_PURCHASE_COLUMNS),
    }
  } else if (plan.from === 'silver') {
    bronze = {
      clients: readLayerTable(plan.reuse.bronze, 'bronze', 'clients'),
      achats: readLayerTable(plan.reuse.bronze, 'bronze', 'achats'),
    }
  }

  let silver: { clients: pl.DataFrame; achats: pl.DataFrame }
  if (plan.from !== 'gold') {
    report.progress(0.2, 'silver: cleaning')
    const dir = outDir(plan, 'silver')
    // biome-ignore lint/style/noNonNullAssertion: set on both branches above whenever from is not gold
    const input = bronze!
    const result = timed(
      'silver',
      'clean',
      input.clients.height + input.achats.height,
      () => buildSilver(input, { nowMicros: plan.nowMicros }),
      (r) => r.clients.height + r.achats.height,
    )
    timed(
      'silver',
      '(write)',
      result.clients.height + result.achats.height,
      () => {
        writeTable(result.clients, 'silver', dir, 'clients', written)
        writeTable(result.achats, 'silver', dir, 'achats', written)
        writeTable(result.rejects, 'silver', dir, 'rejects', written)
      },
      () => result.clients.height + result.achats.height + result.rejects.height,
    )
    quality.clients = result.quality.clients
    quality.achats = result.quality.achats
    silver = { clients: result.clients, achats: result.achats }
  } else {
    silver = {
      clients: readLayerTable(plan.reuse.silver, 'silver', 'clients'),
      achats: readLayerTable(plan.reuse.silver, 'silver', 'achats'),
    }
  }

  if (silver.achats.height === 0) {
    throw new PipelineInputError(
      'no_valid_purchase',
      'no purchase survived silver: every row of the purchases file was rejected (see the rejects table); the previous gold is kept',
    )
  }
  report.progress(0.5, 'gold: building tables')
  const dir = outDir(plan, 'gold')
  let done = 0
  const gold = buildGold(silver, {
    horizonDays: plan.horizonDays ?? HORIZON_DAYS,
    onTable: (table, rows, ms) => {
      done += 1
      report.step({ layer: 'gold', table, rowsIn: silver.achats.height, rowsOut: rows, ms })
      report.progress(0.5 + (0.4 * done) / GOLD_TABLES.length, `gold: ${table}`)
    },
  })
  report.progress(0.9, 'gold: writing tables')
  timed(
    'gold',
    '(write)',
    silver.achats.height,
    () => {
      for (const table of GOLD_TABLES) writeTable(gold.tables[table], 'gold', dir, table, written)
    },
    () => GOLD_TABLES.length,
  )
  const kpis = goldKpis(gold.tables.fact_achats, gold.tables.client_scores, gold.tables.segment_summary)
  report.progress(1, 'done')
  return { tables: written.tables, quality, referenceDate: gold.referenceDate, bytes: written.bytes, kpis }
}
