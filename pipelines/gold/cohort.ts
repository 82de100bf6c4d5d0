/**
 * §4.9 cohort_first_purchase: cohort = month of each client's first purchase; `clients` = distinct clients,
 * `ca` = lifetime revenue of those clients (all their purchases, not the first month only). Built from the
 * per-client aggregates (first purchase, all-time spend), which is the same grouping as the original's pass
 * over every fact row, on one row per client.
 */
import pl from 'nodejs-polars'
import { once } from './memo.ts'

const exprs = once(() => ({
  inputs: [
    pl.col('first_purchase').dt.truncate('1mo').alias('_month'),
    pl.col('id_client'),
    pl.col('total_spend'),
  ],
  key: pl.col('_month'),
  aggs: [
    pl.col('id_client').nUnique().cast(pl.Int64).alias('clients'),
    pl.col('total_spend').sum().alias('ca'),
  ],
  columns: [
    pl.col('_month').dt.strftime('%Y-%m').alias('first_purchase_month'),
    pl.col('clients'),
    pl.col('ca').cast(pl.Float64),
  ],
}))

/** From `clientAggregates` (one row per client with a purchase: first_purchase, total_spend). */
export function buildCohort(aggregates: pl.DataFrame): pl.DataFrame {
  const e = exprs()
  return aggregates
    .lazy()
    .select(...e.inputs)
    .groupBy(e.key)
    .agg(...e.aggs)
    .collectSync()
    .sort('_month')
    .select(...e.columns)
}
