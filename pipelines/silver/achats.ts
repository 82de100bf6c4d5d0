/** Silver purchases: the original's cleaning rules (spec §3.2) in order, with every dropped row kept as a reject. */
import pl from 'nodejs-polars'
import { MAX_PURCHASE_AMOUNT, REQUIRED_PURCHASE_COLUMNS } from '../schema.ts'
import { asInt64, asNumber, asTimestamp, isBlank, isWholeNumber, text } from './parse.ts'
import { qualityCounters, rejectsOf, withRecord } from './rejects.ts'
import { flag, flagDuplicates, perField } from './rules.ts'
import { type CleanResult, dateBounds, type SilverOptions } from './silver-options.ts'
import { titleCaseColumn } from './title-case.ts'

const COUNTERS = [
  'dropped_missing',
  'dropped_invalid_date',
  'dropped_out_of_range',
  'dropped_bad_amount',
  'dropped_orphan_client',
  'dropped_duplicates',
]

/**
 * `clientIds` are the ids of the cleaned clients. As in the original, an empty set disables the orphan
 * rule (a purchase file cleaned on its own keeps its rows, with country "Inconnu" in gold).
 */
export function cleanAchats(bronze: pl.DataFrame, clientIds: pl.Series, options: SilverOptions): CleanResult {
  const { lower, upper } = dateBounds(options)
  const date = pl.col('_date')
  const amount = pl.col('_amount')
  const known = pl.DataFrame({ _client_key: clientIds.cast(pl.Int64) })
    .unique()
    .withColumns(pl.lit(true).alias('_known'))
  const withKnown = bronze
    .withColumns(
      pl.when(isWholeNumber('id_client')).then(asInt64('id_client')).otherwise(pl.lit(null)).alias('_client_key'),
    )
    .join(known, { on: '_client_key', how: 'left' })
    // Parse once; the rules and the output read the parsed columns.
    .withColumns(asTimestamp('date_achat').alias('_date'), asNumber('montant').alias('_amount'))
  const orphan = clientIds.length > 0 ? pl.col('_known').isNull() : pl.lit(false)
  const flagged = flag(withRecord(withKnown, REQUIRED_PURCHASE_COLUMNS), [
    ...perField('missing_field', REQUIRED_PURCHASE_COLUMNS, isBlank),
    ...perField('invalid_number', ['id_achat', 'id_client'], (f) => isWholeNumber(f).not()),
    { reason: 'invalid_number', field: 'montant', rejects: amount.isNull().or(amount.isNan()) },
    { reason: 'invalid_date', field: 'date_achat', rejects: date.isNull() },
    { reason: 'date_out_of_range', field: 'date_achat', rejects: date.lt(lower).or(date.gt(upper)) },
    { reason: 'bad_amount', field: 'montant', rejects: amount.ltEq(0).or(amount.gt(MAX_PURCHASE_AMOUNT)) },
    { reason: 'orphan_client', field: 'id_client', rejects: orphan },
  ])
  const typed = flagDuplicates(flagged.withColumns(asInt64('id_achat').alias('id_achat')), 'id_achat', 'last')
  const rejects = rejectsOf(typed)
  const kept = typed
    .filter(pl.col('_reason').isNull())
    .select(
      pl.col('id_achat'),
      asInt64('id_client').alias('id_client'),
      date.alias('date_achat'),
      amount.alias('montant'),
      text('produit').alias('produit'),
      pl.col('_source_file'),
      pl.col('_row_number'),
      pl.col('_batch_id'),
    )
    .sort('id_achat')
  const clean = titleCaseColumn(kept, 'produit')
  return { clean, rejects, quality: qualityCounters(bronze.height, rejects, clean.height, COUNTERS) }
}
