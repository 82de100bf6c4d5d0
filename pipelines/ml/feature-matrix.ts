/**
 * The predictor's inputs as numbers: gold's features, the recent window, and two measures of rhythm
 * (the client's usual gap between purchases, and how overdue they are against it). Amounts and counts
 * are heavy-tailed, so every feature enters as log(1 + x).
 */
import pl from 'nodejs-polars'
import { HORIZON_DAYS } from '../schema.ts'

export const MODEL_FEATURES = [
  'freq_12m',
  'monetary_12m',
  'monetary_avg_12m',
  'product_diversity_12m',
  'recency_days',
  'tenure_days',
  'total_orders_all',
  'total_spend_all',
  'avg_order_value_all',
  'freq_recent',
  'monetary_recent',
  'mean_gap_days',
  'recency_over_gap',
] as const

function rhythm(): pl.Expr[] {
  const orders = pl.col('total_orders_all').cast(pl.Float64)
  const recency = pl.col('recency_days').cast(pl.Float64)
  // Days between the first and the last purchase, over the gaps between them; a year when none repeats.
  const gap = pl
    .when(orders.gt(1))
    .then(pl.col('tenure_days').cast(pl.Float64).minus(recency).div(orders.minus(1)))
    .otherwise(pl.lit(HORIZON_DAYS))
  return [
    gap.alias('mean_gap_days'),
    recency.div(pl.when(gap.gt(1)).then(gap).otherwise(pl.lit(1.0))).alias('recency_over_gap'),
  ]
}

/** One row of MODEL_FEATURES per dataset row, in the dataset's order. */
export function featureRows(dataset: pl.DataFrame): number[][] {
  return dataset
    .lazy()
    .withColumns(...rhythm())
    .select(
      ...MODEL_FEATURES.map((c) => pl.col(c).cast(pl.Float64).clip(0, Number.MAX_VALUE).log1p().alias(c)),
    )
    .collectSync()
    .rows() as number[][]
}

/** A numeric column of a frame as plain numbers (nulls as 0). */
export function numbers(frame: pl.DataFrame, column: string): number[] {
  return frame
    .getColumn(column)
    .cast(pl.Float64)
    .fillNull('zero')
    .toArray()
    .map((v) => Number(v))
}
