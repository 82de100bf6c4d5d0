/**
 * Time arithmetic on naive timestamps, done on Int64 microseconds inside expressions (never through JS
 * `Date` in a local time zone). "Days between" is the original's pandas `Timedelta.days`: the floor of
 * elapsed 24 h periods. The reference date and the horizon enter the expressions as the parameter columns
 * `_ref` (Int64 µs) and `_horizon` (Int64 days), added by `withParams`.
 */
import pl from 'nodejs-polars'
import { MICROS_PER_DAY } from '../schema.ts'
import { lastKey, once } from './memo.ts'

export const REF_COLUMN = '_ref'
export const HORIZON_COLUMN = '_horizon'

/** A Datetime column as Int64 microseconds since the epoch. */
export function micros(column: string | pl.Expr): pl.Expr {
  const expr = typeof column === 'string' ? pl.col(column) : column
  return expr.cast(pl.Datetime('us')).cast(pl.Int64)
}

const day = once(() => pl.lit(MICROS_PER_DAY).cast(pl.Int64))

/** x mod 1 day in [0, 1 day), whatever the sign convention of `rem`. */
function floorModDay(x: pl.Expr): pl.Expr {
  return x.rem(day()).plus(day()).rem(day())
}

/**
 * floor((_ref − t) / 24 h) as Int64, exact: the remainder is removed in integers first so the division is
 * of an exact multiple (negative gaps, e.g. a registration after the reference, floor down).
 */
export function daysSinceRef(column: string): pl.Expr {
  const gap = pl.col(REF_COLUMN).minus(micros(column))
  // An exact multiple of a day divided by a day; round() absorbs polars' reciprocal-multiply division.
  return gap.minus(floorModDay(gap)).div(day()).round(0).cast(pl.Int64)
}

/** The column's midnight as Int64 microseconds (exact integer arithmetic). */
export function startOfDay(column: string): pl.Expr {
  const t = micros(column)
  return t.minus(floorModDay(t))
}

/** `_ref` truncated to midnight, as Datetime('us'). */
export function refMidnight(): pl.Expr {
  const ref = pl.col(REF_COLUMN)
  return ref.minus(floorModDay(ref)).cast(pl.Datetime('us'))
}

/** True when the column's timestamp is within the window: t >= _ref − _horizon days (inclusive). */
export function inWindow(column: string): pl.Expr {
  return micros(column).gtEq(pl.col(REF_COLUMN).minus(pl.col(HORIZON_COLUMN).mul(day())))
}

const refColumn = lastKey((ref: number) => pl.lit(ref).cast(pl.Int64).alias(REF_COLUMN))
const horizonColumn = lastKey((days: number) => pl.lit(days).cast(pl.Int64).alias(HORIZON_COLUMN))

/** Adds the `_horizon` parameter column and, when given, `_ref` (constant on every row). */
export function withParams(
  frame: pl.LazyDataFrame,
  params: { referenceMicros?: number; horizonDays: number },
): pl.LazyDataFrame {
  const { referenceMicros, horizonDays } = params
  if (!Number.isSafeInteger(horizonDays)) throw new Error(`gold: bad horizon ${horizonDays}`)
  if (referenceMicros === undefined) return frame.withColumns(horizonColumn(horizonDays))
  if (!Number.isSafeInteger(referenceMicros)) throw new Error(`gold: bad reference date ${referenceMicros}`)
  return frame.withColumns(refColumn(referenceMicros), horizonColumn(horizonDays))
}

/** 'YYYY-MM-DD HH:MM:SS' of naive epoch microseconds (sub-second digits dropped). */
export function formatTimestamp(epochMicros: number): string {
  const millis = Math.floor(epochMicros / 1000)
  return new Date(millis).toISOString().slice(0, 19).replace('T', ' ')
}
