/**
 * Expressions that read bronze's text into typed values, null where a value does not parse. Trimmed text
 * is only ever a temporary inside an expression: a trimmed copy of every column would cost a gigabyte at
 * ten million rows.
 */
import pl from 'nodejs-polars'

/** The text without surrounding white space (null stays null). */
export function text(column: string): pl.Expr {
  return pl.col(column).str.strip()
}

/** Absent or only white space: pandas read empty fields as missing too. */
export function isBlank(column: string): pl.Expr {
  return pl.col(column).isNull().or(text(column).str.lengths().eq(0))
}

export function asNumber(column: string): pl.Expr {
  return text(column).cast(pl.Float64, false)
}

/** True where a parsed number is whole and fits an Int64 without loss ("12" and "12.0", not "12.5"). */
export function isWhole(numberColumn: string): pl.Expr {
  const n = pl.col(numberColumn)
  return n.isNotNull().and(n.isFinite()).and(n.eq(n.floor())).and(n.abs().ltEq(Number.MAX_SAFE_INTEGER))
}

// Accepted shapes: 2025-01-20, 2025-01-20 10:58, 2025-01-20 10:58:40, 2025-01-20T10:58:40.123Z.
const TIMESTAMP_SHAPE = String.raw`^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z?)?$`

/**
 * Naive timestamps are read as UTC and never shifted by a local time zone (the original mixed local
 * generation times with a UTC bound and dropped recent rows). Impossible dates ("2024-13-45") give null.
 * Shorter shapes are completed to the full one so a single strptime reads every row.
 */
export function asTimestamp(column: string): pl.Expr {
  const trimmed = text(column)
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
    .then(full.str.strptime(pl.Datetime, '%Y-%m-%d %H:%M:%S%.f'))
    .otherwise(pl.lit(null).cast(pl.Datetime('us')))
}
