/**
 * One row per client as of a cutoff: what gold would have computed had its data stopped at the cutoff
 * (its own features, and its heuristic `prob_reachat_12m` from the same code), the last `horizon` days'
 * activity, and the label: what the client did in the `horizon` days after the cutoff. Nothing after the
 * cutoff reaches a feature.
 */
import pl from 'nodejs-polars'
import { micros } from '../gold/day-count.ts'
import { buildFeatures, clientAggregates } from '../gold/features.ts'
import { buildScores } from '../gold/scores.ts'
import { HORIZON_DAYS, MICROS_PER_DAY } from '../schema.ts'

export interface PurchaseHistory {
  /** gold's fact_achats (id_client, date_achat, montant, produit at least). */
  fact: pl.DataFrame
  /** Every client of gold's client table (id_client): the population scored, as gold scores it. */
  clients: pl.DataFrame
}

/** Columns every dataset row carries besides gold's features. */
export const RECENT_COLUMNS = ['freq_recent', 'monetary_recent'] as const
export const LABEL_COLUMNS = ['label_bought', 'label_amount'] as const

const at = (value: number) => pl.lit(value).cast(pl.Int64)

/** Purchases with cutoff < date_achat ≤ cutoff + days, per client: did they buy, and how much. */
function labelsAfter(fact: pl.DataFrame, cutoff: number, days: number): pl.LazyDataFrame {
  const time = micros('date_achat')
  return fact
    .lazy()
    .filter(time.gt(at(cutoff)).and(time.ltEq(at(cutoff + days * MICROS_PER_DAY))))
    .groupBy('id_client')
    .agg(pl.lit(1).cast(pl.Int64).alias('label_bought'), pl.col('montant').sum().alias('label_amount'))
}

/**
 * gold's client_scores as of `cutoff` (epoch µs, purchases up to it included), plus freq_recent and
 * monetary_recent (the last `horizonDays` days) and the labels of the `horizonDays` days that follow.
 * Sorted by id_client.
 */
export function datasetAsOf(history: PurchaseHistory, cutoff: number, horizonDays: number): pl.DataFrame {
  const known = history.fact.filter(micros('date_achat').ltEq(at(cutoff)))
  const scores = buildScores(
    buildFeatures(history.clients, clientAggregates(known, cutoff, HORIZON_DAYS), cutoff, HORIZON_DAYS),
    HORIZON_DAYS,
  )
  // gold's window aggregates over the prediction horizon instead of a year: recent activity.
  const recent = clientAggregates(known, cutoff, horizonDays).select(
    pl.col('id_client'),
    pl.col('freq_12m').alias('freq_recent'),
    pl.col('monetary_12m').alias('monetary_recent'),
  )
  return scores
    .lazy()
    .join(recent.lazy(), { on: 'id_client', how: 'left' })
    .join(labelsAfter(history.fact, cutoff, horizonDays), { on: 'id_client', how: 'left' })
    .withColumns(
      pl.col('freq_recent').fillNull(0).cast(pl.Float64),
      pl.col('monetary_recent').cast(pl.Float64).fillNull(0),
      pl.col('label_bought').fillNull(0),
      pl.col('label_amount').cast(pl.Float64).fillNull(0),
    )
    .sort('id_client')
    .collectSync()
}
