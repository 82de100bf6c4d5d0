/**
 * The scatter's points reached from the keyboard: one focusable control (a slider over the points, in order
 * of recency then expected value) that ←/→ step through (PageUp/PageDown by ten, Home/End to the ends),
 * that names the point it is on, rings it on the chart, and opens that client with Enter. A dot per tab
 * stop would make hundreds of stops; one control reaches every dot.
 */
import type { KeyboardEvent } from 'react'
import { formatKpi } from '../../../pages/overview-format.ts'
import { formatCountOf } from '../format.ts'
import type { ClientPoint } from './scatter-points.ts'

/** Points a PageUp/PageDown skips. */
const PAGE_STEP = 10

/** The points in the order the picker walks them: most recent first, then by expected value, then id. */
export function pickerOrder(points: readonly ClientPoint[]): ClientPoint[] {
  return [...points].sort(
    (a, b) =>
      a.recency_days - b.recency_days ||
      b.expected_value_12m - a.expected_value_12m ||
      a.id_client - b.id_client,
  )
}

/** The index a key moves to from `index` among `count` points; undefined for a key the picker ignores. */
export function nextIndex(key: string, index: number, count: number): number | undefined {
  const last = count - 1
  const moves: Record<string, number> = {
    ArrowRight: index + 1,
    ArrowUp: index + 1,
    ArrowLeft: index - 1,
    ArrowDown: index - 1,
    PageUp: index + PAGE_STEP,
    PageDown: index - PAGE_STEP,
    Home: 0,
    End: last,
  }
  const to = moves[key]
  return to === undefined ? undefined : Math.min(Math.max(to, 0), last)
}

export function pointText(point: ClientPoint): string {
  return `Client #${point.id_client} · ${point.segment_label} · ${formatCountOf(point.recency_days)} days since last purchase · ${formatKpi('money', point.expected_value_12m)} expected`
}

export function ChartPointPicker({
  points,
  index,
  onMove,
  onOpen,
  onFocusChange,
}: {
  /** In picker order (`pickerOrder`). */
  points: readonly ClientPoint[]
  index: number
  onMove: (index: number) => void
  onOpen: (id: number) => void
  /** The chart rings the current point only while the picker has the focus. */
  onFocusChange: (focused: boolean) => void
}) {
  const current = points[index]
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.key === 'Enter' || event.key === ' ') && current) {
      event.preventDefault()
      onOpen(current.id_client)
      return
    }
    const to = nextIndex(event.key, index, points.length)
    if (to === undefined) return
    event.preventDefault()
    onMove(to)
  }
  if (!current) return null
  return (
    <div
      role="slider"
      tabIndex={0}
      className="chart-point-picker"
      data-testid="chart-point-picker"
      data-client={current.id_client}
      aria-label="Client in the chart (arrow keys move, Enter opens)"
      aria-valuemin={1}
      aria-valuemax={points.length}
      aria-valuenow={index + 1}
      aria-valuetext={pointText(current)}
      onKeyDown={onKeyDown}
      onFocus={() => onFocusChange(true)}
      onBlur={() => onFocusChange(false)}
    >
      <span className="muted">
        Keyboard: ←/→ move, Enter opens ({formatCountOf(index + 1)} of {formatCountOf(points.length)})
      </span>{' '}
      {pointText(current)}
    </div>
  )
}
