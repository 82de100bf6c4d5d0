/** How the Models page writes figures, through the one format module: scores with three decimals, money in €. */
import type { MetricComparison } from '../../../src-preload/contract-ml.ts'
import { fmt } from '../../format/index.ts'

/** Metrics measured in euros (an error on spend); every other metric is a score. */
const MONEY_METRICS = new Set(['spend_mae'])

export const formatMetric = (value: number | undefined) => fmt.metric(value)

/** A comparison's value as its metric reads: "€251" for the spend error, "0.806" for a score. */
export function formatComparisonValue(c: Pick<MetricComparison, 'metric'>, value: number): string {
  return MONEY_METRICS.has(c.metric) ? fmt.money(value) : fmt.metric(value)
}

/** Which side the comparison favours; null on a tie. */
export function winner(c: MetricComparison): 'model' | 'baseline' | null {
  if (c.model === c.baseline) return null
  return (c.better === 'higher') === c.model > c.baseline ? 'model' : 'baseline'
}
