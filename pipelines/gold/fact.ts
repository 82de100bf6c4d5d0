/** §4.2 fact_achats: purchases with the client's country and calendar keys, in chronological order. */
import pl from 'nodejs-polars'
import { asLazy, type TableFrame } from '../table-frame.ts'
import { FACT_COLUMNS } from './columns.ts'
import { startOfDay } from './day-count.ts'
import { once } from './memo.ts'

export const UNKNOWN_COUNTRY = 'Inconnu'

const exprs = once(() => {
  const dayStart = startOfDay('date_achat')
  return {
    day: dayStart.alias('_day'),
    order: [pl.col('date_achat'), pl.col('id_achat')],
    clientCountry: [pl.col('id_client'), pl.col('pays')],
    country: pl.col('pays').fillNull(pl.lit(UNKNOWN_COUNTRY)),
    dayKey: pl.col('_day'),
    // Calendar texts are formatted once per distinct day and joined back: strftime over every purchase
    // costs ~150 ms per million rows.
    calendar: [
      pl.col('_day').cast(pl.Datetime('us')).dt.strftime('%Y-%m-%d').alias('jour'),
      pl.col('_day').cast(pl.Datetime('us')).dt.strftime('%Y-%m').alias('mois'),
      pl.col('_day').cast(pl.Datetime('us')).dt.year().cast(pl.Int64).alias('annee'),
    ],
    calendarColumns: ['jour', 'mois', 'annee'].map((c) => pl.col(c)),
    columns: FACT_COLUMNS.map((c) => pl.col(c)),
  }
})

/**
 * The columns a left join on `key` gives each row of `rows`, in the rows' order (`right` has one row per
 * key). Only the key goes through the join, so the wide rows are not copied again.
 */
function lookUp(rows: pl.DataFrame, key: string, right: pl.LazyDataFrame, columns: pl.Expr[]): pl.Series[] {
  const found = rows
    .lazy()
    .select(key)
    .join(right, { on: key, how: 'left', maintainOrder: 'left' })
    .select(...columns)
    .collectSync()
  if (found.height !== rows.height) {
    throw new Error(`gold: looking ${key} up gave ${found.height} rows for ${rows.height}`)
  }
  return found.getColumns()
}

/**
 * Purchases left-joined with their client's country ('Inconnu' when missing), sorted by date_achat with
 * ties broken by id_achat (the original's order within equal timestamps came from an unstable sort).
 * The purchases are sorted first, while narrow, and the looked-up columns added beside them: at 10M rows
 * joining then sorting the whole fact held two copies of it (2 GB).
 */
export function buildFact(clients: pl.DataFrame, achats: TableFrame): pl.DataFrame {
  const e = exprs()
  const sorted = asLazy(achats).withColumns(e.day).sort(e.order).collectSync()
  const countries = clients.lazy().select(...e.clientCountry)
  const days = sorted
    .lazy()
    .select(e.dayKey)
    .unique()
    .withColumns(...e.calendar)
  return sorted
    .withColumns(
      ...lookUp(sorted, 'id_client', countries, [e.country]),
      ...lookUp(sorted, '_day', days, e.calendarColumns),
    )
    .select(...e.columns)
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
