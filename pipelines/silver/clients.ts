/** Silver clients: the original's cleaning rules (spec §3.1) in order, with every dropped row kept as a reject. */
import pl from 'nodejs-polars'
import { REQUIRED_CLIENT_COLUMNS } from '../schema.ts'
import { asNumber, asTimestamp, isBlank, isWhole, trimmed } from './parse.ts'
import { qualityCounters, splitFlagged } from './rejects.ts'
import { flag, flagDuplicates, perField, type Rule } from './rules.ts'
import { type CleanResult, dateBounds, type SilverOptions } from './silver-options.ts'
import { titleCaseColumn } from './title-case.ts'

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
  // Trim once, parse once; the rules and the output read these columns.
  const parsed = trimmed(bronze, REQUIRED_CLIENT_COLUMNS).withColumns(
    asNumber('_t_id_client').alias('_id'),
    asTimestamp('_t_date_inscription').alias('_date'),
  )
  const date = pl.col('_date')
  const rules: Rule[] = [
    { reason: 'invalid_id', field: 'id_client', rejects: isWhole('_id').not() },
    ...perField('missing_field', ['nom', 'email', 'pays'], (f) => isBlank(`_t_${f}`)),
    { reason: 'invalid_date', field: 'date_inscription', rejects: date.isNull() },
    { reason: 'date_out_of_range', field: 'date_inscription', rejects: date.lt(lower).or(date.gt(upper)) },
    { reason: 'invalid_email', field: 'email', rejects: pl.col('_t_email').str.contains('@', true).not() },
  ]
  const duplicate: Rule = { reason: 'duplicate_id', field: 'id_client', rejects: pl.lit(false) }
  const flagged = flagDuplicates(flag(parsed, rules), '_id', 'first', rules.length)
  const { kept: passed, rejects } = splitFlagged(flagged, [...rules, duplicate], REQUIRED_CLIENT_COLUMNS)
  const kept = passed
    .select(
      pl.col('_id').cast(pl.Int64).alias('id_client'),
      pl.col('_t_nom').alias('nom'),
      pl.col('_t_email').str.toLowerCase().alias('email'),
      // The original wrote the date back as YYYY-MM-DD: keep the day, as a real timestamp.
      date.dt
        .truncate('1d')
        .alias('date_inscription'),
      pl.col('_t_pays').alias('pays'),
      pl.col('_source_file'),
      pl.col('_row_number'),
      pl.col('_batch_id'),
    )
    .sort('id_client')
  const clean = titleCaseColumn(kept, 'pays')
  return { clean, rejects, quality: qualityCounters(bronze.height, rejects, clean.height, COUNTERS) }
}
