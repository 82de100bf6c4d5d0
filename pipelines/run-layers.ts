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

type Frames = { clients: pl.DataFrame; achats: pl.DataFrame }

/** What one run shares across its layers: where results go, and how steps are timed and reported. */
class RunContext {
  readonly written: Written = { tables: {}, bytes: 0 }
  readonly quality: LayerResult['quality'] = {}

  constructor(
    readonly plan: LayerPlan,
    readonly report: LayerReporter,
    readonly collectGarbage: () => Promise<void>,
  ) {}

  timed<T>(layer: Layer, table: string, rowsIn: number, work: () => T, rowsOut: (r: T) => number): T {
    const start = performance.now()
    const result = work()
    this.report.step({ layer, table, rowsIn, rowsOut: rowsOut(result), ms: performance.now() - start })
    return result
  }

  write(layer: Layer, tables: Record<string, pl.DataFrame>): void {
    const dir = outDir(this.plan, layer)
    for (const [name, df] of Object.entries(tables)) writeTable(df, layer, dir, name, this.written)
  }
}

function landBronze(ctx: RunContext): Frames {
  const { plan } = ctx
  if (!plan.sources) throw new Error('bronze needs source files')
  const sources = plan.sources
  ctx.report.progress(0.02, 'bronze: reading sources')
  const lineage = { batchId: plan.runId, ingestedAtMicros: plan.nowMicros }
  const land = (table: 'clients' | 'achats', path: string, required: readonly string[]) =>
    ctx.timed(
      'bronze',
      table,
      0,
      () => {
        const df = readSource({ path, required }, lineage)
        ctx.write('bronze', { [table]: df })
        return df
      },
      (df) => df.height,
    )
  return {
    clients: land('clients', sources.clients, REQUIRED_CLIENT_COLUMNS),
    achats: land('achats', sources.achats, REQUIRED_PURCHASE_COLUMNS),
  }
}

function readLayer(ctx: RunContext, layer: Layer): Frames {
  const dir = ctx.plan.reuse[layer]
  return { clients: readLayerTable(dir, layer, 'clients'), achats: readLayerTable(dir, layer, 'achats') }
}

/** Silver from this run's bronze (landed or reused). Bronze frames are unreachable once this returns. */
async function cleanSilver(ctx: RunContext): Promise<Frames> {
  const bronze = ctx.plan.from === 'bronze' ? landBronze(ctx) : readLayer(ctx, 'bronze')
  await ctx.collectGarbage()
  ctx.report.progress(0.2, 'silver: cleaning')
  const result = ctx.timed(
    'silver',
    'clean',
    bronze.clients.height + bronze.achats.height,
    () => buildSilver(bronze, { nowMicros: ctx.plan.nowMicros }),
    (r) => r.clients.height + r.achats.height,
  )
  ctx.timed(
    'silver',
    '(write)',
    result.clients.height + result.achats.height,
    () => ctx.write('silver', { clients: result.clients, achats: result.achats, rejects: result.rejects }),
    () => result.clients.height + result.achats.height + result.rejects.height,
  )
  ctx.quality.clients = result.quality.clients
  ctx.quality.achats = result.quality.achats
  return { clients: result.clients, achats: result.achats }
}

export async function runLayers(
  plan: LayerPlan,
  report: LayerReporter,
  collectGarbage: () => Promise<void> = async () => {},
): Promise<LayerResult> {
  const ctx = new RunContext(plan, report, collectGarbage)
  const silver = plan.from === 'gold' ? readLayer(ctx, 'silver') : await cleanSilver(ctx)
  // Polars frames do not tell V8 their size, so dead ones linger: collect before the next layer.
  await collectGarbage()
  if (silver.achats.height === 0) {
    throw new PipelineInputError(
      'no_valid_purchase',
      'no purchase survived silver: every row of the purchases file was rejected (see the rejects table); the previous gold is kept',
    )
  }
  report.progress(0.5, 'gold: building tables')
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
  ctx.timed(
    'gold',
    '(write)',
    silver.achats.height,
    () => ctx.write('gold', gold.tables),
    () => GOLD_TABLES.length,
  )
  const kpis = goldKpis(gold.tables.fact_achats, gold.tables.client_scores, gold.tables.segment_summary)
  report.progress(1, 'done')
  return {
    tables: ctx.written.tables,
    quality: ctx.quality,
    referenceDate: gold.referenceDate,
    bytes: ctx.written.bytes,
    kpis,
  }
}
