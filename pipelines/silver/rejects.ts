/** The rejects table: one row per dropped source row, with where it came from and why it was dropped. */
import pl from 'nodejs-polars'
import { REJECT_REASONS, type RejectReason } from '../schema.ts'
import { explain, type Rule } from './rules.ts'

export const REJECT_COLUMNS = [
  'source',
  'row_number',
  'reason',
  'field',
  'value',
  'record',
  'batch_id',
] as const

/**
 * Splits a flagged frame into the rows every rule passed and the rejects table. Clean data (the usual
 * case) skips both filters, which on a million rows cost more than the rules themselves.
 */
export function splitFlagged(
  flagged: pl.DataFrame,
  rules: Rule[],
  columns: readonly string[],
): { kept: pl.DataFrame; rejects: pl.DataFrame } {
  const rule = pl.col('_rule')
  if (flagged.getColumn('_rule').nullCount() === flagged.height) {
    return { kept: flagged, rejects: rejectsOf(flagged.head(0), rules, columns) }
  }
  return {
    kept: flagged.filter(rule.isNull()),
    rejects: rejectsOf(flagged.filter(rule.isNotNull()), rules, columns),
  }
}

/**
 * Builds the rejects table from the rejected rows. `columns` are the source's columns, kept as they came in
 * `record` (JSON), so a user sees the whole original row.
 */
function rejectsOf(rejected: pl.DataFrame, rules: Rule[], columns: readonly string[]): pl.DataFrame {
  return explain(rejected, rules)
    .select(
      pl.col('_source_file').alias('source'),
      pl.col('_row_number').alias('row_number'),
      pl.col('_reason').alias('reason'),
      pl.col('_field').alias('field'),
      pl.col('_value').alias('value'),
      pl
        .struct(columns.map((c) => pl.col(c)))
        .struct.jsonEncode()
        .alias('record'),
      pl.col('_batch_id').alias('batch_id'),
    )
    .sort('row_number')
}

/** The original's quality counters (spec §3), every one present, computed from the reject reasons. */
export function qualityCounters(
  initialRows: number,
  rejects: pl.DataFrame,
  finalRows: number,
  counters: readonly string[],
): Record<string, number> {
  const quality: Record<string, number> = { initial_rows: initialRows }
  for (const c of counters) quality[c] = 0
  const byReason = rejects.groupBy('reason').len().toRecords() as { reason: RejectReason; len: number }[]
  for (const { reason, len } of byReason) {
    const counter = REJECT_REASONS[reason]
    quality[counter] = (quality[counter] ?? 0) + Number(len)
  }
  quality.final_rows = finalRows
  return quality
}
