/** Plain helpers that turn a run record or a task into the short texts the pipeline page shows. */
import type { RunRecord } from '../../src-preload/contract.ts'

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
  if (ms === null) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`
  const wholeSeconds = Math.round(seconds)
  const minutes = Math.floor(wholeSeconds / 60)
  if (minutes < 60) return `${minutes} min ${String(wholeSeconds % 60).padStart(2, '0')} s`
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
}

const countFormat = new Intl.NumberFormat('en-US')
export function formatCount(n: number): string {
  return countFormat.format(n)
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
export function formatDateTime(iso: string): string {
  const t = Date.parse(iso)
  return Number.isFinite(t) ? dateTimeFormat.format(t) : iso
}

export function percent(fraction: number): number {
  if (!Number.isFinite(fraction)) return 0
  return Math.round(Math.min(1, Math.max(0, fraction)) * 100)
}
