import pl from 'nodejs-polars'
import { MICROS_PER_DAY } from '../schema.ts'
import { daysSinceRef, formatTimestamp, inWindow, refMidnight, withParams } from './day-count.ts'

const REF = Date.UTC(2025, 5, 15, 18, 30, 0) * 1000 // 2025-06-15 18:30:00 as naive UTC microseconds
const HOUR = MICROS_PER_DAY / 24

function evaluate(offsetsFromRef: number[], expr: pl.Expr, horizonDays = 365): unknown[] {
  const t = pl
    .Series(
      't',
      offsetsFromRef.map((o) => REF + o),
      pl.Int64,
    )
    .cast(pl.Datetime('us'))
  return withParams(pl.DataFrame({ t }).lazy(), { referenceMicros: REF, horizonDays })
    .select(expr.alias('out'))
    .collectSync()
    .getColumn('out')
    .toArray()
}

describe('day counts', () => {
  it('floors elapsed 24 h periods, also for times after the reference', () => {
    const offsets = [0, -1, -23.99 * HOUR, -24 * HOUR, -47.5 * HOUR, 1, 5.5 * HOUR, 24 * HOUR, 24 * HOUR + 1]
    expect(evaluate(offsets, daysSinceRef('t'))).toEqual([0, 0, 0, 1, 1, -1, -1, -1, -2])
  })

  it('is exact over long spans', () => {
    const days = [1, 365, 366, 3650, 36500]
    expect(
      evaluate(
        days.map((d) => -d * MICROS_PER_DAY),
        daysSinceRef('t'),
      ),
    ).toEqual(days)
    expect(
      evaluate(
        days.map((d) => -d * MICROS_PER_DAY + 1),
        daysSinceRef('t'),
      ),
    ).toEqual(days.map((d) => d - 1))
  })

  it('keeps the window start inclusive', () => {
    const start = -365 * MICROS_PER_DAY
    expect(evaluate([start - 1, start, start + 1, 0], inWindow('t'))).toEqual([false, true, true, true])
    expect(evaluate([-10 * MICROS_PER_DAY - 1, -10 * MICROS_PER_DAY], inWindow('t'), 10)).toEqual([
      false,
      true,
    ])
  })

  it('truncates the reference to midnight and prints it without a time-zone shift', () => {
    const [midnight] = evaluate([0], refMidnight().cast(pl.Int64))
    expect(formatTimestamp(Number(midnight))).toBe('2025-06-15 00:00:00')
    expect(formatTimestamp(REF)).toBe('2025-06-15 18:30:00')
  })
})
