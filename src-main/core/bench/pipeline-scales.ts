/** The pipeline benchmark's sizes and the targets a bronze → gold run should meet at each. */
import type { BenchScale } from '../../../src-preload/contract-bench.ts'

export interface ScaleSpec {
  scale: BenchScale
  /** Purchases to generate; none = the original's data set (1,500 clients, 23,663 purchases). */
  purchases?: number
  /** Target wall time, seconds. */
  targetS: number
  targetRssMb?: number
}

export const SCALE_SPECS: Record<BenchScale, ScaleSpec> = {
  seed: { scale: 'seed', targetS: 0.5 },
  '100k': { scale: '100k', purchases: 100_000, targetS: 1 },
  // Issue 16's goals: 1.9 s for the whole `medallion run` at ~1.08M rows; 15 s and 2 GB at 10M.
  '1m': { scale: '1m', purchases: 1_000_000, targetS: 1.9 },
  '10m': { scale: '10m', purchases: 10_000_000, targetS: 15, targetRssMb: 2048 },
}

/** The original's purchase count: what `seed` generates. */
export const SEED_PURCHASES = 23_663

export function scalePurchases(spec: ScaleSpec): number {
  return spec.purchases ?? SEED_PURCHASES
}
