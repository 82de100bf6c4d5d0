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

const int = (n: number) => pl.lit(n).cast(pl.Int64)

const exprs = once(() => {
  const date = pl.col('date_achat')
  const key = pl.col('_k')
  // JS number literals enter as Float64: every integer step is cast (month indexes stay exact).
  const monthIndex = date.dt
    .year()
    .cast(pl.Int64)
    .mul(int(12))
    .plus(date.dt.month().cast(pl.Int64))
    .minus(int(1))
  const base = pl.col('_base')
  const isFirst = pl.col('_first')
  const cohort = pl.col('_cohort')
  const month = pl.col('_month')
  return {
    ranges: [
      monthIndex.min().alias('first'),
      monthIndex.max().alias('last'),
      pl.col('id_client').min().alias('lowest'),
      pl.col('id_client').max().alias('highest'),
    ],
    /**
     * One integer per (client, month bought in), sorted: the client's number · span + the month counted
     * from the fact's first month. Deduplicating one integer column costs a third of a pair of columns, and
     * once sorted, each client's months are adjacent and ascending: the first is the client's cohort.
     */
    clientMonths: (client: pl.Expr, first: number, span: number) =>
      client
        .mul(int(span))
        .plus(monthIndex.minus(int(first)))
        .unique()
        .sort()
        .alias('_k'),
    split: (span: number) => [
      key.modulo(int(span)).alias('_month'),
      key.minus(key.modulo(int(span))).alias('_base'),
    ],
    first: base.neq(base.shift(1)).fillNull(true).alias('_first'),
    cohortOf: pl
      .when(isFirst)
      .then(month)
      .otherwise(pl.lit(null).cast(pl.Int64))
      .forwardFill()
      .alias('_cohort'),
    offset: [cohort, month.minus(cohort).alias('month_offset')],
    cohortKeys: [pl.col('_cohort'), pl.col('month_offset')],
    active: pl.len().cast(pl.Int64).alias('active_clients'),
    size: pl.len().cast(pl.Int64).alias('cohort_size'),
    offsets: (lastMonth: number) =>
      pl.intRanges(int(0), int(lastMonth + 1).minus(cohort)).alias('month_offset'),
    fill: pl.col('active_clients').fillNull(0).cast(pl.Int64),
    rate: pl
      .col('active_clients')
      .cast(pl.Float64)
      .div(pl.col('cohort_size').cast(pl.Float64))
      .alias('retention'),
    // 'YYYY-MM' from the month index, on the few grid rows (the same text as fact `mois`).
    cohortText: (first: number) => {
      const absolute = cohort.plus(int(first))
      return pl
        .concatString(
          [
            absolute
              .minus(absolute.modulo(int(12)))
              .div(int(12))
              .cast(pl.Int64)
              .cast(pl.Utf8)
              .str.zFill(4),
            absolute.modulo(int(12)).plus(int(1)).cast(pl.Utf8).str.zFill(2),
          ],
          '-',
        )
        .alias('cohort')
    },
    key: pl
      .concatString(
        [pl.col('cohort'), pl.col('month_offset').cast(pl.Utf8).str.zFill(RETENTION_OFFSET_DIGITS)],
        '+',
      )
      .alias('cohort_offset'),
    columns: RETENTION_COLUMNS.map((c) => pl.col(c)),
  }
})

/** Keys up to here leave Int64 room to spare, whatever a double's rounding of the bound. */
const KEY_LIMIT = 2 ** 61

/**
 * A client's number in the key: its id counted from the lowest, when ids times months fit in an Int64
 * (always, for ids of a sane size), else its dense rank, which costs a sort of every purchase.
 */
function clientNumber(lowest: number, highest: number, span: number): pl.Expr {
  if ((highest - lowest + 1) * span < KEY_LIMIT) return pl.col('id_client').minus(int(lowest))
  return pl.col('id_client').rank('dense').cast(pl.Int64)
}

/** cohort_retention from fact_achats (needs id_client, date_achat). */
export function buildRetention(fact: pl.DataFrame): pl.DataFrame {
  const e = exprs()
  const ranges = fact.select(...e.ranges).row(0) as (number | null)[]
  // An empty fact gives an empty table through the same query.
  const [first, last, lowest, highest] = ranges.map((value) => value ?? 0) as [number, number, number, number]
  const span = last - first + 1
  const clientMonths = fact
    .lazy()
    .select(e.clientMonths(clientNumber(lowest, highest, span), first, span))
    .withColumns(...e.split(span))
    .withColumns(e.first)
    .withColumns(e.cohortOf)
    .collectSync()
    .lazy()
  const active = clientMonths
    .select(...e.offset)
    .groupBy(e.cohortKeys)
    .agg(e.active)
  const grid = clientMonths
    .filter(pl.col('_first'))
    .groupBy('_cohort')
    .agg(e.size)
    .withColumns(e.offsets(last - first))
    .explode('month_offset')
  return grid
    .join(active, { on: ['_cohort', 'month_offset'], how: 'left' })
    .sort(e.cohortKeys)
    .withColumns(e.fill, e.cohortText(first))
    .withColumns(e.rate, e.key)
    .select(...e.columns)
    .collectSync()
}
