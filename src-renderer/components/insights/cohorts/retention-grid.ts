/**
 * The retention rows (cohort × month offset) pivoted into a grid for the heat map, with one more row for
 * all cohorts together: per offset, the active clients over the clients of the cohorts old enough to have it.
 */
import type { Row } from '../../../../src-preload/contract.ts'
import { numberOf, textOf } from '../row-values.ts'

export interface RetentionCell {
  active: number
  size: number
  /** active / size, 0..1. */
  retention: number
}

export interface RetentionGrid {
  /** 0 .. the largest offset served. */
  offsets: number[]
  cohorts: { cohort: string; size: number; cells: (RetentionCell | null)[] }[]
  overall: (RetentionCell | null)[]
}

export function retentionGrid(rows: readonly Row[]): RetentionGrid {
  const byCohort = new Map<string, Map<number, RetentionCell>>()
  let maxOffset = -1
  for (const row of rows) {
    const cohort = textOf(row, 'cohort')
    const offset = numberOf(row, 'month_offset')
    const active = numberOf(row, 'active_clients')
    const size = numberOf(row, 'cohort_size')
    const retention = numberOf(row, 'retention')
    if (cohort === null || offset === null || active === null || size === null || retention === null) continue
    const cells = byCohort.get(cohort) ?? new Map<number, RetentionCell>()
    cells.set(offset, { active, size, retention })
    byCohort.set(cohort, cells)
    maxOffset = Math.max(maxOffset, offset)
  }
  const offsets = Array.from({ length: maxOffset + 1 }, (_, i) => i)
  const cohorts = [...byCohort.keys()].sort().map((cohort) => {
    const cells = byCohort.get(cohort) as Map<number, RetentionCell>
    return {
      cohort,
      size: cells.get(0)?.size ?? cells.values().next().value?.size ?? 0,
      cells: offsets.map((offset) => cells.get(offset) ?? null),
    }
  })
  const overall = offsets.map((offset) => {
    let active = 0
    let size = 0
    for (const { cells } of cohorts) {
      const cell = cells[offset]
      if (!cell) continue
      active += cell.active
      size += cell.size
    }
    return size > 0 ? { active, size, retention: active / size } : null
  })
  return { offsets, cohorts, overall }
}
