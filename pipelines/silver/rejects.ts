/** The rejects table: one row per dropped source row, with where it came from and why it was dropped. */
import pl from 'nodejs-polars'
import { REJECT_REASONS, type RejectReason } from '../schema.ts'

export const REJECT_COLUMNS = ['source', 'row_number', 'reason', 'field', 'value', 'record', 'batch_id'] as const

/** Captures a row's original values as JSON before any column is parsed. */
export function withRecord(df: pl.DataFrame, columns: readonly string[]): pl.DataFrame {
  return df.withColumns(pl.struct(columns.map((c) => pl.col(c))).struct.jsonEncode().alias('_record'))
}

export function rejectsOf(flagged: pl.DataFrame): pl.DataFrame {
  return flagged
    .filter(pl.col('_reason').isNotNull())
    .select(
      pl.col('_source_file').alias('source'),
      pl.col('_row_number').alias('row_number'),
      pl.col('_reason').alias('reason'),
      pl.col('_field').alias('field'),
      pl.col('_value').alias('value'),
      pl.col('_record').alias('record'),
      pl.col('_batch_id').alias('batch_id'),
    )
    .sort('row_number')
}

/** The original's quality counters (spec §3), every one present, computed from the reject reasons. */
export function qualityCounters(initialRows: number, rejects: pl.DataFrame, finalRows: number, counters: readonly string[]) {
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
