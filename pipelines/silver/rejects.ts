/** The rejects table: one row per dropped source row, with where it came from and why it was dropped. */
import type pl from 'nodejs-polars'
import { REJECT_REASONS, type RejectReason } from '../schema.ts'

export const REJECT_COLUMNS = [
  'source',
  'row_number',
  'reason',
  'field',
  'value',
  'record',
  'batch_id',
] as const

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
