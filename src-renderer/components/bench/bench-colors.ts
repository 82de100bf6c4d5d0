/** Colours of the benchmark series, from the app's chart variables only (the dark theme brings its own). */
import type { BenchScale } from '../../../src-preload/contract-bench.ts'
import type { RefreshSeries } from './bench-series.ts'

export const SCALE_COLORS: Record<BenchScale, string> = {
  seed: 'var(--chart-1)',
  '100k': 'var(--chart-2)',
  '1m': 'var(--chart-3)',
  '10m': 'var(--chart-4)',
}

export const LAYER_COLORS = {
  bronze: 'var(--chart-1)',
  silver: 'var(--chart-6)',
  gold: 'var(--chart-5)',
} as const

export const REFRESH_COLORS: Record<RefreshSeries, string> = {
  parquet: 'var(--chart-1)',
  mongo: 'var(--chart-3)',
  api: 'var(--chart-2)',
  'original parquet': 'var(--chart-5)',
  'original api': 'var(--chart-4)',
}

/** The original's figures are drawn in the neutral colour, so ours stand out against them. */
export const REFERENCE_COLOR = 'var(--idle)'
