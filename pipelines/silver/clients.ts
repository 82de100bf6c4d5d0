/** Silver clients: the original's cleaning rules (spec §3.1) in order, with every dropped row kept as a reject. */
import pl from 'nodejs-polars'
import { REQUIRED_CLIENT_COLUMNS } from '../schema.ts'
import { rowCount, type TableFrame } from '../table-frame.ts'
import { applyRules } from './apply-rules.ts'
import { asNumber, asTimestamp, isBlank, isWhole, text } from './parse.ts'
import { qualityCounters } from './rejects.ts'
import { perField } from './rules.ts'
import { type CleanResult, dateBounds, type SilverOptions } from './silver-options.ts'

const COUNTERS = [
  'dropped_invalid_id',
  'dropped_missing',
  'dropped_invalid_date',
  'dropped_out_of_range',
  'dropped_invalid_email',
  'dropped_duplicates',
]

export function cleanClients(bronze: TableFrame, options: SilverOptions): CleanResult {
  const { lower, upper } = dateBounds(options)
  const date = pl.col('_date')
  const formats = options.formats?.clients
  const { kept: clean, rejects } = applyRules(bronze, {
    parsed: [
      asNumber('id_client', formats?.decimal).alias('_id'),
      asTimestamp('date_inscription', formats?.dateFormat).alias('_date'),
    ],
    rules: [
      { reason: 'invalid_id', field: 'id_client', rejects: isWhole('_id').not() },
      ...perField('missing_field', ['nom', 'email', 'pays'], isBlank),
      { reason: 'invalid_date', field: 'date_inscription', rejects: date.isNull() },
      { reason: 'date_out_of_range', field: 'date_inscription', rejects: date.lt(lower).or(date.gt(upper)) },
      { reason: 'invalid_email', field: 'email', rejects: pl.col('email').str.contains('@', true).not() },
    ],
    duplicates: { key: '_id', field: 'id_client', keep: 'first' },
    output: [
      pl.col('_id').cast(pl.Int64).alias('id_client'),
      text('nom').alias('nom'),
      text('email').str.toLowerCase().alias('email'),
      // The original wrote the date back as YYYY-MM-DD: keep the day, as a real timestamp.
      date.dt
        .truncate('1d')
        .alias('date_inscription'),
      text('pays').alias('pays'),
    ],
    columns: REQUIRED_CLIENT_COLUMNS,
    titleCased: 'pays',
  })
  return { clean, rejects, quality: qualityCounters(rowCount(bronze), rejects, clean.height, COUNTERS) }
}
