/** Expressions that read text columns from bronze into typed values, null when a value does not parse. */
import pl from 'nodejs-polars'

/** The text with surrounding white space removed; null stays null. */
export function text(column: string): pl.Expr {
  return pl.col(column).str.strip()
}

/** True where the field is absent or only white space (pandas read empty fields as missing too). */
export function isBlank(column: string): pl.Expr {
  return text(column).isNull().or(text(column).eq(pl.lit('')))
}

export function asNumber(column: string): pl.Expr {
  return text(column).cast(pl.Float64, false)
}

/** True where the text is a finite number (infinity is a number, but never a valid amount). */
export function isNumber(column: string): pl.Expr {
  return asNumber(column).isNotNull().and(asNumber(column).isNan().not())
}

/** True where the text is a whole number that fits an Int64 without loss ("12" and "12.0", not "12.5"). */
export function isWholeNumber(column: string): pl.Expr {
  const n = asNumber(column)
  return n
    .isNotNull()
    .and(n.isFinite())
    .and(n.eq(n.floor()))
    .and(n.abs().ltEq(Number.MAX_SAFE_INTEGER))
}

export function asInt64(column: string): pl.Expr {
  return asNumber(column).cast(pl.Int64)
}

// Accepted shapes: 2025-01-20, 2025-01-20 10:58, 2025-01-20 10:58:40, 2025-01-20T10:58:40.123Z.
const TIMESTAMP_SHAPE = String.raw`^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z?)?$`
const FORMATS = ['%Y-%m-%d %H:%M:%S%.f', '%Y-%m-%d %H:%M', '%Y-%m-%d']

/**
 * Naive timestamps are read as UTC and never shifted by a local time zone (the original mixed local
 * generation times with a UTC bound and dropped recent rows). Impossible dates ("2024-13-45") give null.
 */
export function asTimestamp(column: string): pl.Expr {
  const normalised = text(column).str.replace('T', ' ').str.replace('Z', '')
  const [first, ...rest] = FORMATS.map((f) => normalised.str.strptime(pl.Datetime, f))
  const parsed = rest.reduce((acc, next) => acc.fillNull(next), first as pl.Expr)
  return pl
    .when(text(column).str.contains(TIMESTAMP_SHAPE))
    .then(parsed)
    .otherwise(pl.lit(null).cast(pl.Datetime('us')))
}
