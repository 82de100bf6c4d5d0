/**
 * cohort_retention (new, not in the original): how many clients of each first-purchase month come back in
 * each later month. Defined from fact_achats alone, so any engine can mirror it:
 *
 * - a purchase's month is the calendar month of `date_achat` (= fact `mois`); `month_index` = year·12 + month − 1;
 * - a client's cohort is the month of their first purchase (`cohort` 'YYYY-MM', the same month as
 *   cohort_first_purchase gives them);
 * - `month_offset` = month_index(purchase) − month_index(cohort): 0 is the cohort month itself;
 * - one row per cohort and per offset 0..(month of the latest purchase in the fact − cohort month), months
 *   without a returning client included with 0 (a dense triangle, ready for a heat map);
 * - `active_clients` = distinct clients of the cohort with at least one purchase in that month;
 * - `cohort_size` = distinct clients of the cohort (= active_clients at offset 0);
 * - `retention` = active_clients / cohort_size (Float64, 1 at offset 0);
 * - `cohort_offset` = `${cohort}+${month_offset as 3 digits}`, e.g. '2023-01+004': the unique key (the serving
 *   catalog keys collections by one field; the padding makes its text order the (cohort, offset) order).
 *
 * Rows are sorted by cohort, then month_offset. Types: cohort String, month_offset/active_clients/cohort_size
 * Int64, retention Float64, cohort_offset String.
 */
import pl from 'nodejs-polars'
import { RETENTION_COLUMNS } from './columns.ts'
import { once } from './memo.ts'

/** Digits of the offset in `cohort_offset` (a century of months). */
export const RETENTION_OFFSET_DIGITS = 3

/** The unique key of a (cohort, month offset) row. */
export function cohortOffsetKey(cohort: string, monthOffset: number): string {
  return `${cohort}+${String(monthOffset).padStart(RETENTION_OFFSET_DIGITS, '0')}`
}

const exprs = once(() => {
  const date = pl.col('date_achat')
  const month = pl.col('_month')
  const cohort = pl.col('_cohort')
  return {
    // Integers only: deduplicating (client, month) pairs on the 'YYYY-MM' text cost twice as much.
    clientMonths: [
      pl.col('id_client'),
      // JS number literals enter as Float64: cast back (exact for month counts).
      date.dt
        .year()
        .mul(12)
        .plus(date.dt.month())
        .minus(1)
        .cast(pl.Int64)
        .alias('_month'),
    ],
    firstMonth: month.min().alias('_cohort'),
    lastMonth: month.max().alias('_last'),
    offset: [cohort, month.minus(cohort).alias('month_offset')],
    cohortKeys: [pl.col('_cohort'), pl.col('month_offset')],
    active: pl.len().cast(pl.Int64).alias('active_clients'),
    size: pl.len().cast(pl.Int64).alias('cohort_size'),
    offsets: pl
      .intRanges(pl.lit(0).cast(pl.Int64), pl.col('_last').minus(cohort).plus(1))
      .alias('month_offset'),
    fill: pl.col('active_clients').fillNull(0).cast(pl.Int64),
    rate: pl
      .col('active_clients')
      .cast(pl.Float64)
      .div(pl.col('cohort_size').cast(pl.Float64))
      .alias('retention'),
    // 'YYYY-MM' from the month index, on the few grid rows (the same text as fact `mois`).
    cohort: pl
      .concatString(
        [
          cohort.minus(cohort.modulo(12)).div(12).cast(pl.Int64).cast(pl.Utf8).str.zFill(4),
          cohort.modulo(12).plus(1).cast(pl.Int64).cast(pl.Utf8).str.zFill(2),
        ],
        '-',
      )
      .alias('cohort'),
    key: pl
      .concatString(
        [pl.col('cohort'), pl.col('month_offset').cast(pl.Utf8).str.zFill(RETENTION_OFFSET_DIGITS)],
        '+',
      )
      .alias('cohort_offset'),
    columns: RETENTION_COLUMNS.map((c) => pl.col(c)),
  }
})

/** cohort_retention from fact_achats (needs id_client, date_achat). */
export function buildRetention(fact: pl.DataFrame): pl.DataFrame {
  const e = exprs()
  // One row per client and month they bought in (counting rows then counts distinct clients). Collected
  // once: the three queries below read it.
  const clientMonths = fact
    .lazy()
    .select(...e.clientMonths)
    .unique()
    .collectSync()
    .lazy()
  const cohorts = clientMonths.groupBy('id_client').agg(e.firstMonth)
  const active = clientMonths
    .join(cohorts, { on: 'id_client' })
    .select(...e.offset)
    .groupBy(e.cohortKeys)
    .agg(e.active)
  const grid = cohorts
    .groupBy('_cohort')
    .agg(e.size)
    .join(clientMonths.select(e.lastMonth), { how: 'cross' })
    .withColumns(e.offsets)
    .explode('month_offset')
  return grid
    .join(active, { on: ['_cohort', 'month_offset'], how: 'left' })
    .sort(e.cohortKeys)
    .withColumns(e.fill, e.cohort)
    .withColumns(e.rate, e.key)
    .select(...e.columns)
    .collectSync()
}
