/** §6.4 tables the original derived at publish time: daily, weekly, monthly_growth. */
import pl from 'nodejs-polars'
import { fromUnits, unitsSum } from './exact-sum.ts'
import { once } from './memo.ts'
import { collectStreaming } from './streaming-collect.ts'

const exprs = once(() => {
  const prev = pl.col('prev_ca')
  return {
    aggs: [unitsSum(pl.col('montant'), 'ca'), pl.col('id_achat').count().cast(pl.Int64).alias('achats')],
    jour: { key: pl.col('jour'), columns: [pl.col('jour'), fromUnits('ca'), pl.col('achats')] },
    // dt.truncate('1w') starts weeks on Monday, like pandas' weekly periods ending on Sunday. The text is
    // formatted after grouping (strftime over every purchase is the slow part).
    monday: [pl.col('date_achat').dt.truncate('1w').alias('_monday'), pl.col('montant'), pl.col('id_achat')],
    weekKey: pl.col('_monday'),
    weekColumns: [
      pl.col('_monday').dt.strftime('%Y-%m-%d').alias('semaine'),
      fromUnits('ca'),
      pl.col('achats'),
    ],
    monthly: [pl.col('mois'), pl.col('ca').cast(pl.Float64)],
    previous: pl.col('ca').shift(1).alias('prev_ca'),
    growthAbs: pl.col('ca').minus(prev).alias('growth_abs'),
    growthPct: pl
      .when(prev.isNull().or(prev.eq(0)))
      .then(pl.lit(null).cast(pl.Float64))
      .otherwise(pl.col('growth_abs').div(prev))
      .alias('growth_pct'),
    growthColumns: ['mois', 'ca', 'prev_ca', 'growth_abs', 'growth_pct'].map((c) => pl.col(c)),
  }
})

/** `jour` ('YYYY-MM-DD'), `ca`, `achats`, by calendar day, sorted by day. */
export function buildDaily(fact: pl.DataFrame): pl.DataFrame {
  const e = exprs()
  return collectStreaming(
    fact
      .lazy()
      .groupBy(e.jour.key)
      .agg(...e.aggs),
  )
    .sort('jour')
    .select(...e.jour.columns)
}

/** `semaine` = the Monday starting the week ('YYYY-MM-DD'), `ca`, `achats`, sorted by week. */
export function buildWeekly(fact: pl.DataFrame): pl.DataFrame {
  const e = exprs()
  return collectStreaming(
    fact
      .lazy()
      .select(...e.monday)
      .groupBy(e.weekKey)
      .agg(...e.aggs),
  )
    .sort('_monday')
    .select(...e.weekColumns)
}

/**
 * From ca_monthly, sorted by month: prev_ca = previous row's ca, growth_abs = ca − prev_ca,
 * growth_pct = growth_abs / prev_ca (null on the first row, and when prev_ca is 0).
 */
export function buildMonthlyGrowth(caMonthly: pl.DataFrame): pl.DataFrame {
  const e = exprs()
  return caMonthly
    .lazy()
    .select(...e.monthly)
    .sort('mois')
    .withColumns(e.previous)
    .withColumns(e.growthAbs)
    .withColumns(e.growthPct)
    .select(...e.growthColumns)
    .collectSync()
}
