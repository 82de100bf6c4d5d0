/** Nearest-rank percentiles of a list of durations (ms). */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN
  const rank = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1))
  return sortedMs[rank] as number
}

export function summarize(durationsMs: number[]): {
  p50: number
  p99: number
  max: number
  mean: number
  n: number
} {
  const sorted = [...durationsMs].sort((a, b) => a - b)
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length)
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean,
    n: sorted.length,
  }
}
