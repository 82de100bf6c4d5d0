/**
 * Periods with fewer days of data than a full one — the first and last week or month, which the data or a
 * date filter cuts — so a chart can draw them dashed instead of as a real drop. The days covered come from
 * the data's first and last purchase days (data.filters) narrowed by the selection's own bounds.
 */

export type PeriodGrain = 'day' | 'week' | 'month'

export interface DayRange {
  /** 'YYYY-MM-DD', first day with data (included). */
  from: string
  /** 'YYYY-MM-DD', last day with data (included). */
  to: string
}

export interface Coverage {
  days: number
  of: number
}

const DAY_MS = 86_400_000

const dayNumber = (day: string) => Math.floor(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / DAY_MS)

/** The data's range narrowed by the selection's bounds (either may be missing). */
export function coveredRange(data: DayRange | undefined, selection: { from?: string; to?: string }) {
  if (!data) return undefined
  const from = selection.from && selection.from > data.from ? selection.from : data.from
  const to = selection.to && selection.to < data.to ? selection.to : data.to
  return { from, to }
}

/** The first and last day numbers of a period: a week keyed by its Monday, a month 'YYYY-MM', a day. */
function periodBounds(key: string, grain: PeriodGrain): [number, number] | null {
  if (grain === 'month') {
    const match = /^(\d{4})-(\d{2})$/.exec(key)
    if (!match) return null
    const year = Number(match[1])
    const month = Number(match[2]) - 1
    return [Date.UTC(year, month, 1) / DAY_MS, Date.UTC(year, month + 1, 1) / DAY_MS - 1]
  }
  const start = dayNumber(key)
  if (!Number.isFinite(start)) return null
  return [start, grain === 'week' ? start + 6 : start]
}

/** How many of the period's days the range covers; null for a whole period (or one we cannot tell). */
export function partialCoverage(
  key: string,
  grain: PeriodGrain,
  range: DayRange | undefined,
): Coverage | null {
  const bounds = range ? periodBounds(key, grain) : null
  if (!range || !bounds) return null
  const [start, end] = bounds
  const days = Math.min(end, dayNumber(range.to)) - Math.max(start, dayNumber(range.from)) + 1
  const of = end - start + 1
  return days > 0 && days < of ? { days, of } : null
}

/** What a tooltip says of a partial period: "partial: 2 of 7 days". */
export function partialText(coverage: Coverage): string {
  return `partial: ${coverage.days} of ${coverage.of} days`
}

export type MarkedPoint<T> = T & {
  /** The value on the solid line: whole periods, and the neighbours the dashed part starts from. */
  whole: number | null
  /** The value on the dashed line: a partial period and the whole neighbour it joins. */
  part: number | null
  partial: Coverage | null
}

/**
 * Each point with its coverage, and its value split between a solid series (whole periods) and a dashed one
 * (a partial first or last period, joined to its neighbour so the line stays continuous).
 */
export function markPartialPeriods<T>(
  points: readonly T[],
  keyOf: (point: T) => string,
  amountOf: (point: T) => number,
  grain: PeriodGrain,
  range: DayRange | undefined,
): MarkedPoint<T>[] {
  const partial = points.map((p) => partialCoverage(keyOf(p), grain, range))
  const isPartial = (i: number) => i >= 0 && i < points.length && partial[i] !== null
  return points.map((point, i) => {
    const value = amountOf(point)
    const joinsPartial = isPartial(i - 1) || isPartial(i + 1)
    return {
      ...point,
      whole: isPartial(i) ? null : value,
      part: isPartial(i) || joinsPartial ? value : null,
      partial: partial[i] ?? null,
    }
  })
}

/** The partial periods' keys and coverage, for a chart's `data-partial` mark: "2024-01-01:2/7". */
export function partialMark<T>(points: readonly MarkedPoint<T>[], keyOf: (point: T) => string): string {
  return points
    .filter((p) => p.partial)
    .map((p) => `${keyOf(p)}:${p.partial?.days}/${p.partial?.of}`)
    .join(' ')
}
