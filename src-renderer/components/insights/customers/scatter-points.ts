/** The score sample as scatter points, one series per segment, at most MAX_CHART_POINTS in all. */
import type { Row } from '../../../../src-preload/contract.ts'
import { numberOf, textOf } from '../row-values.ts'
import { evenSample } from '../sampling.ts'

export interface ClientPoint {
  id_client: number
  recency_days: number
  expected_value_12m: number
  segment_label: string
  freq_12m: number | null
  monetary_12m: number | null
  prob_reachat_12m: number | null
}

/**
 * Dots drawn at most: each is an SVG element with its own handlers, and past a few hundred the scatter
 * alone takes most of the Customers page's first render; a spread sample reads the same.
 */
export const SCATTER_MAX_POINTS = 600

export function clientPoints(rows: readonly Row[]): ClientPoint[] {
  const points: ClientPoint[] = []
  for (const row of evenSample(rows, SCATTER_MAX_POINTS)) {
    const id = numberOf(row, 'id_client')
    const recency = numberOf(row, 'recency_days')
    const expected = numberOf(row, 'expected_value_12m')
    if (id === null || recency === null || expected === null) continue
    points.push({
      id_client: id,
      recency_days: recency,
      expected_value_12m: expected,
      segment_label: textOf(row, 'segment_label') ?? '—',
      freq_12m: numberOf(row, 'freq_12m'),
      monetary_12m: numberOf(row, 'monetary_12m'),
      prob_reachat_12m: numberOf(row, 'prob_reachat_12m'),
    })
  }
  return points
}

/** Points grouped by segment, in the order segments first appear. */
export function bySegment(points: readonly ClientPoint[]): Map<string, ClientPoint[]> {
  const groups = new Map<string, ClientPoint[]>()
  for (const point of points) {
    const group = groups.get(point.segment_label)
    if (group) group.push(point)
    else groups.set(point.segment_label, [point])
  }
  return groups
}
