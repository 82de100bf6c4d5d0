/** §4.2 fact_achats: purchases with the client's country and calendar keys, in chronological order. */
import pl from 'nodejs-polars'
import { FACT_COLUMNS } from './columns.ts'
import { startOfDay } from './day-count.ts'
import { once } from './memo.ts'

export const UNKNOWN_COUNTRY = 'Inconnu'

const exprs = once(() => {
  const dayStart = startOfDay('date_achat')
  return {
    clientCountry: [pl.col('id_client'), pl.col('pays')],
    country: pl.col('pays').fillNull(pl.lit(UNKNOWN_COUNTRY)),
    day: dayStart.alias('_day'),
    dayKey: pl.col('_day'),
    // Calendar texts are formatted once per distinct day and joined back: strftime over every purchase
    // costs ~150 ms per million rows.
    calendar: [
      pl.col('_day').cast(pl.Datetime('us')).dt.strftime('%Y-%m-%d').alias('jour'),
      pl.col('_day').cast(pl.Datetime('us')).dt.strftime('%Y-%m').alias('mois'),
      pl.col('_day').cast(pl.Datetime('us')).dt.year().cast(pl.Int64).alias('annee'),
    ],
    order: [pl.col('date_achat'), pl.col('id_achat')],
    columns: FACT_COLUMNS.map((c) => pl.col(c)),
  }
})

/**
 * Purchases left-joined with their client's country ('Inconnu' when missing), sorted by date_achat with
 * ties broken by id_achat (the original's order within equal timestamps came from an unstable sort).
 */
export function buildFact(clients: pl.DataFrame, achats: pl.DataFrame): pl.DataFrame {
  const e = exprs()
  const purchases = achats.lazy().withColumns(e.day)
  const days = purchases
    .select(e.dayKey)
    .unique()
    .withColumns(...e.calendar)
  return purchases
    .join(clients.lazy().select(...e.clientCountry), { on: 'id_client', how: 'left' })
    .withColumns(e.country)
    .join(days, { on: '_day', how: 'left' })
    .sort(e.order)
    .select(...e.columns)
    .collectSync()
}

/** The reference date: the latest purchase timestamp, as epoch microseconds. */
export function referenceMicros(fact: pl.DataFrame): number {
  // Series.get() on Int64 loses the high bits in nodejs-polars 0.25.2; Series.max() does not.
  const max = fact.height === 0 ? null : fact.getColumn('date_achat').cast(pl.Int64).max()
  if (max === null || max === undefined || !Number.isFinite(Number(max))) {
    throw new Error(
      'gold: cannot compute features, no valid purchase date (Impossible de calculer les features)',
    )
  }
  return Number(max)
}
