/**
 * The benchmark history shaped for the charts and tables of the Benchmarks page (pure functions: one row
 * per point, one key per series), with the original's recorded figures as their own series.
 */
import type {
  BenchReference,
  BenchResult,
  BenchScale,
  PipelineBenchResult,
  RefreshBenchResult,
} from '../../../src-preload/contract-bench.ts'

/** Series key of a pipeline run: engine and scale, e.g. `polars seed`. */
export function pipelineSeries(engine: string, scale: BenchScale): string {
  return `${engine} ${scale}`
}

export type TimelineRow = { startedAt: string } & Record<string, number | string>

/** Total seconds of each pipeline benchmark, oldest first: one row per benchmark, one key per engine and scale. */
export function pipelineTimeline(results: readonly BenchResult[]): { rows: TimelineRow[]; series: string[] } {
  const series = new Set<string>()
  const rows: TimelineRow[] = []
  for (const result of pipelineResults(results).reverse()) {
    const row: TimelineRow = { startedAt: result.startedAt }
    for (const scale of result.scales) {
      const key = pipelineSeries(result.engine, scale.scale)
      row[key] = scale.totalS
      series.add(key)
    }
    rows.push(row)
  }
  return { rows, series: [...series] }
}

export interface LayerRow {
  label: string
  bronze: number
  silver: number
  gold: number
  total: number
  purchases: number
}

/** Seconds per layer: the latest run of each engine and scale, then the original's pandas run. */
export function layerBars(results: readonly BenchResult[], reference: BenchReference): LayerRow[] {
  const latest = new Map<string, LayerRow>()
  for (const result of pipelineResults(results)) {
    for (const scale of result.scales) {
      const label = pipelineSeries(result.engine, scale.scale)
      if (!latest.has(label)) {
        latest.set(label, { label, ...scale.layers, total: scale.totalS, purchases: scale.purchases })
      }
    }
  }
  const pandas = reference.pipeline
    .filter((p) => p.engine === 'pandas')
    .map((p) => ({ label: 'original pandas', ...p.layers, total: p.totalS, purchases: p.datasetSize }))
  return [...latest.values(), ...pandas]
}

/** Series of the refresh chart: ours, then the original's. */
export const REFRESH_SERIES = ['parquet', 'mongo', 'api', 'original parquet', 'original api'] as const
export type RefreshSeries = (typeof REFRESH_SERIES)[number]

export type RefreshPanelRow = { panel: string } & Partial<Record<RefreshSeries, number>>

/** p50 per dashboard panel of one refresh benchmark and of the original's recorded refreshes. */
export function refreshPanels(result: RefreshBenchResult, reference: BenchReference): RefreshPanelRow[] {
  const rows = new Map<string, RefreshPanelRow>()
  const put = (series: RefreshSeries, panels: readonly { panel: string; p50Ms: number }[]) => {
    for (const { panel, p50Ms } of panels) {
      const row = rows.get(panel) ?? { panel }
      row[series] = p50Ms
      rows.set(panel, row)
    }
  }
  for (const source of result.sources) put(source.source, source.panels)
  for (const original of reference.refresh) put(`original ${original.source}`, original.panels)
  return [...rows.values()]
}

export interface RefreshTotalRow {
  source: string
  p50Ms: number
  p99Ms: number
  meanMs: number
  firstMs: number | null
  detail: string
}

/** The whole refresh per source, ours and the original's. */
export function refreshTotals(result: RefreshBenchResult, reference: BenchReference): RefreshTotalRow[] {
  return [
    ...result.sources.map((s) => ({ source: s.source as string, ...s.total, detail: s.detail })),
    ...reference.refresh.map((r) => ({
      source: `original ${r.source}`,
      ...r.total,
      firstMs: null,
      detail: `the original's ${r.runs} recorded refreshes, ${r.datasetSize} purchases`,
    })),
  ]
}

export function pipelineResults(results: readonly BenchResult[]): PipelineBenchResult[] {
  return results.filter((r): r is PipelineBenchResult => r.kind === 'pipeline')
}

export function latestRefresh(results: readonly BenchResult[]): RefreshBenchResult | undefined {
  return results.find((r): r is RefreshBenchResult => r.kind === 'refresh')
}
