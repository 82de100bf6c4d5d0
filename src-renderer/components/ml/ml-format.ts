/** How the Models page writes figures: metrics with four decimals, money in the user's locale. */
import type { MetricComparison } from '../../../src-preload/contract-ml.ts'

const metric = new Intl.NumberFormat(undefined, { minimumFractionDigits: 3, maximumFractionDigits: 4 })
const amount = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })

export function formatMetric(value: number | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? metric.format(value) : '—'
}

/** Large errors (spend in currency) as whole numbers, scores with decimals. */
export function formatComparisonValue(value: number): string {
  return Math.abs(value) >= 100 ? amount.format(value) : formatMetric(value)
}

/** Which side the comparison favours; null on a tie. */
export function winner(c: MetricComparison): 'model' | 'baseline' | null {
  if (c.model === c.baseline) return null
  return (c.better === 'higher') === c.model > c.baseline ? 'model' : 'baseline'
}
