/**
 * Benchmarks run from the app: pipeline and refresh benchmarks, their history (issue 5).
 * Each call: its zod input schema (main validates before acting) and its output type; names in names-bench.ts.
 */
import { z } from 'zod'
import { call } from './call.ts'

/** Pipeline benchmark sizes: the original's 23,663 purchases, then 100k, 1M and 10M generated purchases. */
import { BENCH_SCALES, type BenchScale } from './values.ts'

export { BENCH_SCALES, type BenchScale } from './values.ts'
export const BENCH_KINDS = ['pipeline', 'refresh'] as const
export { BENCH_TASK_KIND } from './values.ts'
export type BenchKind = (typeof BENCH_KINDS)[number]
/** The engine that ran the pipeline (a Spark series joins the Polars one later). */
export type BenchEngine = 'polars' | 'spark'
export const LAYER_NAMES = ['bronze', 'silver', 'gold'] as const
export type LayerSeconds = Record<(typeof LAYER_NAMES)[number], number>

/** Where a dashboard refresh reads: the lake's gold Parquet, the serving MongoDB, or the read API over HTTP. */
export const REFRESH_SOURCES = ['parquet', 'mongo', 'api'] as const
export type RefreshSource = (typeof REFRESH_SOURCES)[number]

export interface BenchMachine {
  cpus: number
  memoryGb: number
  node: string
  platform: string
}

/** One scale of a pipeline benchmark: a full bronze → gold run in a fresh process. */
export interface PipelineScaleResult {
  scale: BenchScale
  purchases: number
  /** Seconds to generate the sources (not part of the run). */
  generateS: number
  /** Seconds until the pipeline worker first reported. */
  workerStartS: number
  layers: LayerSeconds
  /** Wall time of the run, seconds: worker start + layers + commit. */
  totalS: number
  rowsPerS: number
  peakRssMb: number
  targetS: number
  targetRssMb?: number
  /** The run met its targets (time, and memory where one is set). */
  met: boolean
}

/** A panel's (or a whole refresh's) time over the measured refreshes, after a first (cold) one. */
export interface RefreshTiming {
  p50Ms: number
  p99Ms: number
  meanMs: number
  /** The first refresh: a fresh store reading its data for the first time. */
  firstMs: number
}

export interface RefreshSourceResult {
  source: RefreshSource
  /** What answered: for the API, the store the core serves from. */
  detail: string
  panels: ({ panel: string } & RefreshTiming)[]
  total: RefreshTiming
  samples: number
}

interface BenchResultBase {
  id: string
  engine: BenchEngine
  startedAt: string
  finishedAt: string
  machine: BenchMachine
}

export interface PipelineBenchResult extends BenchResultBase {
  kind: 'pipeline'
  scales: PipelineScaleResult[]
}

export interface RefreshBenchResult extends BenchResultBase {
  kind: 'refresh'
  /** Purchases behind the served gold. */
  datasetSize: number
  runId?: string
  sources: RefreshSourceResult[]
  /** Sources not measured, and why (e.g. no MongoDB configured). */
  skipped: { source: RefreshSource; reason: string }[]
}

export type BenchResult = PipelineBenchResult | RefreshBenchResult

/** The original's recorded figures (its benchmark.json and refresh_benchmark.json), for comparison. */
export interface BenchReference {
  pipeline: {
    engine: 'pandas' | 'spark'
    datasetSize: number
    layers: LayerSeconds
    totalS: number
    recordedAt: string
    machine: string
  }[]
  refresh: {
    source: 'parquet' | 'api'
    datasetSize: number
    /** Per panel of our dashboard (the original's Parquet tables mapped to the panels they fed). */
    panels: ({ panel: string } & Omit<RefreshTiming, 'firstMs'>)[]
    total: Omit<RefreshTiming, 'firstMs'>
    runs: number
  }[]
}

export interface BenchHistory {
  /** Newest first. */
  results: BenchResult[]
  reference: BenchReference
}

export const BenchRunInput = z
  .object({
    kind: z.enum(BENCH_KINDS),
    /** Pipeline only (default: seed). A refresh measures the gold served now. */
    scales: z
      .array(z.enum(BENCH_SCALES))
      .min(1)
      .max(BENCH_SCALES.length)
      .refine((scales) => new Set(scales).size === scales.length, 'each scale at most once')
      .optional(),
    /** Pipeline only: the engine that runs it (Spark beside Polars at the same scales). */
    engine: z.enum(['polars', 'spark']).default('polars'),
  })
  .strict()
  .refine((input) => input.kind === 'pipeline' || input.scales === undefined, {
    path: ['scales'],
    error: 'scales apply to the pipeline benchmark; a refresh benchmark measures the gold served now',
  })
export type BenchRunArgs = z.output<typeof BenchRunInput>

const BenchHistoryInput = z
  .object({
    kind: z.enum(BENCH_KINDS).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict()
  .default({ limit: 200 })

export const benchCalls = {
  'bench.run': call<typeof BenchRunInput, { taskId: string }>(BenchRunInput),
  'bench.history': call<typeof BenchHistoryInput, BenchHistory>(BenchHistoryInput),
} as const
