/**
 * Expressions that read bronze's text into typed values, null where a value does not parse. Trimmed text
 * is only ever a temporary inside an expression: a trimmed copy of every column would cost a gigabyte at
 * ten million rows.
 */
import pl from 'nodejs-polars'
import type { DecimalMark } from '../../src-preload/values.ts'
import { dateOrder } from '../dialect/date-format.ts'
import { exactTimestamp } from './exact-strptime.ts'

/** The text without surrounding white space (null stays null). */
export function text(column: string): pl.Expr {
  return pl.col(column).str.strip()
}

/** Absent or only white space: pandas read empty fields as missing too. */
export function isBlank(column: string): pl.Expr {
  return pl.col(column).isNull().or(text(column).str.lengths().eq(0))
}

/** Digits grouped by dots ("1.234.567,89"): with a decimal comma, those dots only group thousands. */
const DOT_GROUPED = String.raw`^-?\d{1,3}(\.\d{3})+(,\d*)?$`

/**
 * A number written with the file's decimal mark. With a comma, spaces that group thousands (plain,
 * no-break, narrow no-break) and grouping dots are dropped before the comma becomes a point.
 */
export function asNumber(column: string, decimal: DecimalMark = '.'): pl.Expr {
  if (decimal === '.') return text(column).cast(pl.Float64, false)
  const compact = text(column).str.replaceAll(String.raw`[\s\u00a0\u202f]`, '')
  const ungrouped = pl
    .when(compact.str.contains(DOT_GROUPED))
    .then(compact.str.replaceAll(String.raw`\.`, ''))
    .otherwise(compact)
  return ungrouped.str.replace(',', '.', true).cast(pl.Float64, false)
}

/** True where a parsed number is whole and fits an Int64 without loss ("12" and "12.0", not "12.5"). */
export function isWhole(numberColumn: string): pl.Expr {
  const n = pl.col(numberColumn)
  return n.isNotNull().and(n.isFinite()).and(n.eq(n.floor())).and(n.abs().ltEq(Number.MAX_SAFE_INTEGER))
}

/** The default date format: ISO dates, with or without a time. */
export const ISO_DATE = '%Y-%m-%d'

// Accepted shapes: 2025-01-20, 2025-01-20 10:58, 2025-01-20 10:58:40, 2025-01-20T10:58:40.123Z.
const TIMESTAMP_SHAPE = String.raw`^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z?)?$`

/**
 * Naive timestamps are read as UTC and never shifted by a local time zone (the original mixed local
 * generation times with a UTC bound and dropped recent rows). Impossible dates ("2024-13-45") give null.
 * Shorter shapes are completed to the full one so a single strptime reads every row.
 */
export function asTimestamp(column: string, dateFormat: string = ISO_DATE): pl.Expr {
  return dateFormat === ISO_DATE ? isoTimestamp(text(column)) : orderedTimestamp(text(column), dateFormat)
}

/** Whole seconds with a space: the shape nearly every source writes. */
const WHOLE_SECONDS = '%Y-%m-%d %H:%M:%S'
const WHOLE_SECONDS_LENGTH = 19

/**
 * ISO timestamps by the fast exact parser (0.06 s per million rows against 0.7 s for asTimestamp, whose
 * completion of shorter shapes costs most), with the rows it cannot stand for: values of another accepted
 * shape (a date alone, no seconds, 'T', 'Z', fractions), which only asTimestamp reads. When no row is
 * one, both give the same column.
 */
export function fastIsoTimestamp(column: string): { value: pl.Expr; needsGeneral: pl.Expr } {
  const trimmed = text(column)
  const shaped = trimmed.str.contains(TIMESTAMP_SHAPE)
  const other = trimmed.str.lengths().neq(WHOLE_SECONDS_LENGTH).or(trimmed.str.contains('T', true))
  return {
    value: pl
      .when(shaped)
      .then(exactTimestamp(trimmed, WHOLE_SECONDS))
      .otherwise(pl.lit(null).cast(pl.Datetime('us'))),
    needsGeneral: shaped.and(other),
  }
}

function isoTimestamp(trimmed: pl.Expr): pl.Expr {
  const normalised = trimmed.str.replace('T', ' ').str.replace('Z', '')
  const length = normalised.str.lengths()
  const full = pl
    .when(length.eq(10))
    .then(pl.concatString([normalised, pl.lit(' 00:00:00')], ''))
    .when(length.eq(16))
    .then(pl.concatString([normalised, pl.lit(':00')], ''))
    .otherwise(normalised)
  return pl
    .when(trimmed.str.contains(TIMESTAMP_SHAPE))
    .then(exactTimestamp(full, '%Y-%m-%d %H:%M:%S%.f'))
    .otherwise(pl.lit(null).cast(pl.Datetime('us')))
}

/**
 * Dates written in another order (%d/%m/%Y, %m/%d/%Y, %d.%m.%Y…), with or without a time (H:MM or
 * HH:MM:SS) after them: rebuilt as ISO text and read as ISO. Polars' strptime also accepts a format found
 * inside a longer text ("31/02/2025" would read as 1 February), so the day and month read back must be
 * those written, else the value is not a date.
 */
function orderedTimestamp(trimmed: pl.Expr, dateFormat: string): pl.Expr {
  const { pattern, year, month, day } = dateOrder(dateFormat)
  const group = (index: number) => trimmed.str.extract(pattern, index)
  const padded = (index: number, width: number, fallback: string) =>
    pl.when(group(index).isNull()).then(pl.lit(fallback)).otherwise(group(index).str.padStart(width, '0'))
  const iso = pl.concatString(
    [
      padded(year, 4, ''),
      pl.lit('-'),
      padded(month, 2, ''),
      pl.lit('-'),
      padded(day, 2, ''),
      pl.lit(' '),
      padded(4, 2, '00'),
      pl.lit(':'),
      padded(5, 2, '00'),
      pl.lit(':'),
      padded(6, 2, '00'),
    ],
    '',
  )
  const parsed = isoTimestamp(iso)
  const writtenAsRead = parsed.dt
    .month()
    .cast(pl.Int64)
    .eq(group(month).cast(pl.Int64, false))
    .and(parsed.dt.day().cast(pl.Int64).eq(group(day).cast(pl.Int64, false)))
  return pl
    .when(trimmed.str.contains(pattern).and(writtenAsRead))
    .then(parsed)
    .otherwise(pl.lit(null).cast(pl.Datetime('us')))
}
