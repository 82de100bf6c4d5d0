/** Plain helpers that turn a run record or a task into the short texts the pipeline page shows. */
import type { RunRecord } from '../../src-preload/contract.ts'
import { fmt } from '../format/index.ts'

export interface TableRows {
  table: string
  rows: number
}

/** Row counts of the run's gold tables, by table name. */
export function goldTables(run: Pick<RunRecord, 'tables'>): TableRows[] {
  return Object.entries(run.tables)
    .filter(([key]) => key.startsWith('gold/'))
    .map(([key, rows]) => ({ table: key.slice('gold/'.length), rows }))
    .sort((a, b) => a.table.localeCompare(b.table))
}

/** Rows silver dropped, summed over every source: the original's `dropped_*` counters. */
export function rejectsCount(run: Pick<RunRecord, 'quality'>): number {
  let total = 0
  for (const counters of Object.values(run.quality)) {
    for (const [name, value] of Object.entries(counters)) {
      if (name.startsWith('dropped_') && Number.isFinite(value)) total += value
    }
  }
  return total
}

export function durationMs(startedAt: string, finishedAt: string | undefined): number | null {
  if (!finishedAt) return null
  const ms = Date.parse(finishedAt) - Date.parse(startedAt)
  return Number.isFinite(ms) && ms >= 0 ? ms : null
}

export function formatDuration(ms: number | null): string {
  return fmt.ms(ms)
}

export const formatCount = fmt.count

export const formatDateTime = (iso: string) => fmt.dateTime(iso)

export function percent(fraction: number): number {
  if (!Number.isFinite(fraction)) return 0
  return Math.round(Math.min(1, Math.max(0, fraction)) * 100)
}
