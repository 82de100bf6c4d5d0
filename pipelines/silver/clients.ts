/** Silver clients: the original's cleaning rules (spec §3.1) in order, with every dropped row kept as a reject. */
import pl from 'nodejs-polars'
import { REQUIRED_CLIENT_COLUMNS } from '../schema.ts'
import { asInt64, asTimestamp, isBlank, isWholeNumber, text } from './parse.ts'
import { qualityCounters, rejectsOf, withRecord } from './rejects.ts'
import { flag, flagDuplicates, perField } from './rules.ts'
import { titleCaseColumn } from './title-case.ts'
import { type CleanResult, dateBounds, type SilverOptions } from './silver-options.ts'

const COUNTERS = [
  'dropped_invalid_id',
  'dropped_missing',
  'dropped_invalid_date',
  'dropped_out_of_range',
  'dropped_invalid_email',
  'dropped_duplicates',
]

export function cleanClients(bronze: pl.DataFrame, options: SilverOptions): CleanResult {
  const { lower, upper } = dateBounds(options)
  // Parse once; the rules and the output read the parsed column.
  const parsed = withRecord(bronze, REQUIRED_CLIENT_COLUMNS).withColumns(
    asTimestamp('date_inscription').alias('_date'),
  )
  const date = pl.col('_date')
  const flagged = flag(parsed, [
    { reason: 'invalid_id', field: 'id_client', rejects: isWholeNumber('id_client').not() },
    ...perField('missing_field', ['nom', 'email', 'pays'], isBlank),
    { reason: 'invalid_date', field: 'date_inscription', rejects: date.isNull() },
    { reason: 'date_out_of_range', field: 'date_inscription', rejects: date.lt(lower).or(date.gt(upper)) },
    { reason: 'invalid_email', field: 'email', rejects: text('email').str.contains('@', true).not() },
  ])
  const typed = flagDuplicates(flagged.withColumns(asInt64('id_client').alias('id_client')), 'id_client', 'first')
  const rejects = rejectsOf(typed)
  const kept = typed
    .filter(pl.col('_reason').isNull())
    .select(
      pl.col('id_client'),
      text('nom').alias('nom'),
      text('email').str.toLowerCase().alias('email'),
      // The original wrote the date back as YYYY-MM-DD: keep the day, as a real timestamp.
      date.dt.truncate('1d').alias('date_inscription'),
      text('pays').alias('pays'),
      pl.col('_source_file'),
      pl.col('_row_number'),
      pl.col('_batch_id'),
    )
    .sort('id_client')
  const clean = titleCaseColumn(kept, 'pays')
  return { clean, rejects, quality: qualityCounters(bronze.height, rejects, clean.height, COUNTERS) }
}
