/** §4.7 dim_clients: every client (sorted by id) with all-time purchase aggregates. */
import pl from 'nodejs-polars'
import { daysSinceRef, HORIZON_COLUMN, withParams } from './day-count.ts'
import { safeRatio } from './features.ts'
import { once } from './memo.ts'

const exprs = once(() => ({
  aggregates: [
    'id_client',
    'first_purchase',
    'last_purchase',
    'total_orders',
    'total_spend',
    'product_count',
  ].map((c) => pl.col(c)),
  columns: [
    pl.col('id_client'),
    pl.col('nom'),
    pl.col('email'),
    pl.col('pays'),
    pl.col('date_inscription'),
    pl.col('first_purchase'),
    pl.col('last_purchase'),
    daysSinceRef('last_purchase').fillNull(pl.col(HORIZON_COLUMN)).alias('recency_days'),
    daysSinceRef('date_inscription').alias('tenure_days'),
    pl.col('total_orders').cast(pl.Int64),
    pl.col('total_spend').cast(pl.Float64),
    safeRatio(pl.col('total_spend'), pl.col('total_orders')).alias('avg_order_value'),
    pl.col('product_count').cast(pl.Int64),
  ],
}))

/**
 * As the original: clients without purchases keep null totals / product_count / dates, recency = horizon,
 * avg_order_value 0.0. tenure_days here counts from the REGISTRATION date (negative when the registration
 * is after the reference date).
 */
export function buildDimClients(
  clients: pl.DataFrame,
  aggregates: pl.DataFrame,
  referenceMicros: number,
  horizonDays: number,
): pl.DataFrame {
  const e = exprs()
  return withParams(clients.lazy(), { referenceMicros, horizonDays })
    .join(aggregates.lazy().select(...e.aggregates), { on: 'id_client', how: 'left' })
    .select(...e.columns)
    .sort('id_client')
    .collectSync()
}
