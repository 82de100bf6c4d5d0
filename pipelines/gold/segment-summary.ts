/** §4.6 segment_summary: one row per occurring segment, sorted by expected_value_12m descending. */
import pl from 'nodejs-polars'
import { SEGMENT_SUMMARY_COLUMNS } from './columns.ts'
import { once } from './memo.ts'

const exprs = once(() => ({
  key: pl.col('segment_label'),
  aggs: [
    pl.col('id_client').count().cast(pl.Int64).alias('clients'),
    pl.col('monetary_12m').sum().alias('ca_12m'),
    pl.col('expected_value_12m').sum(),
    pl.col('value_at_risk_12m').sum(),
    // Medians are floats (mean of the two middle values for even counts), as in pandas.
    pl
      .col('freq_12m')
      .cast(pl.Float64)
      .median()
      .alias('freq_med'),
    pl.col('recency_days').cast(pl.Float64).median().alias('recency_med'),
  ],
  order: [pl.col('expected_value_12m'), pl.col('segment_label')],
  columns: SEGMENT_SUMMARY_COLUMNS.map((c) => pl.col(c)),
}))

export function buildSegmentSummary(scores: pl.DataFrame): pl.DataFrame {
  const e = exprs()
  return scores
    .lazy()
    .groupBy(e.key)
    .agg(...e.aggs)
    .collectSync()
    .sort(e.order, [true, false])
    .select(...e.columns)
}
