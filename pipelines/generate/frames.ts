/**
 * Turns the typed-array draws into Polars frames in the source CSV layout, and frames into CSV bytes.
 * Strings come from small lookup lists through expressions, so no per-row JS string is ever built.
 */
import pl, { type CsvWriterOptions } from 'nodejs-polars'
import { REQUIRED_CLIENT_COLUMNS, REQUIRED_PURCHASE_COLUMNS } from '../schema.ts'
import { COUNTRIES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, PRODUCTS } from './domain.ts'
import type { OriginalDraws, OwnDraws } from './draws.ts'

/** Maps a small integer code column to the strings of a list. */
function lookup(column: string, values: readonly string[]): pl.Expr {
  return pl.col(column).replaceStrict(
    values.map((_, i) => i),
    [...values],
    undefined,
    pl.Utf8,
  )
}

const lower = (values: readonly string[]) => values.map((v) => v.toLowerCase())

// Built once: turning the lookup lists into an expression costs milliseconds, running it on a frame does not.
const FIRST = lookup('first', FIRST_NAMES)
const LAST = lookup('last', LAST_NAMES)
const FIRST_LOWER = lookup('first', lower(FIRST_NAMES))
const LAST_LOWER = lookup('last', lower(LAST_NAMES))
const DOMAIN = lookup('domain', EMAIL_DOMAINS)
const COUNTRY = lookup('country', COUNTRIES)
const PRODUCT = lookup('product', PRODUCTS)

/** Local part by style: 0 "emma.smith", 1 "emmasmith", 2 "esmith"; then the optional number suffix. */
const EMAIL = pl.concatString(
  [
    pl
      .when(pl.col('style').eq(0))
      .then(pl.concatString([FIRST_LOWER, LAST_LOWER], '.'))
      .when(pl.col('style').eq(1))
      .then(pl.concatString([FIRST_LOWER, LAST_LOWER], ''))
      .otherwise(pl.concatString([FIRST_LOWER.str.slice(0, 1), LAST_LOWER], '')),
    pl.when(pl.col('num').gt(0)).then(pl.col('num').cast(pl.Utf8)).otherwise(pl.lit('')),
    pl.lit('@'),
    DOMAIN,
  ],
  '',
)

/** Which rows of the draws: a contiguous range, or a list of 0-based indexes (for copying single rows). */
export type Rows = { start: number; end: number } | readonly number[]

type Draw = Uint8Array | Int32Array | Float64Array

/** The selected slots of one draw array: a view for a range, a small copy for a list. */
function take<T extends Draw>(values: T, rows: Rows): T {
  if ('start' in rows) return values.subarray(rows.start, rows.end) as T
  const out = new (values.constructor as new (n: number) => T)(rows.length)
  rows.forEach((row, i) => {
    out[i] = values[row] as number
  })
  return out
}

/** The row ids (index + 1) as a Series. */
function ids(name: string, rows: Rows): pl.Series {
  if ('start' in rows) return pl.intRange(rows.start + 1, rows.end + 1, 1, pl.Int64, true).alias(name)
  return pl
    .Series(
      name,
      Float64Array.from(rows, (row) => row + 1),
    )
    .cast(pl.Int64)
}

/** Clients rows (id_client = index + 1), columns as the original's clients.csv. */
export function clientsFrame(original: OriginalDraws, own: OwnDraws, rows: Rows): pl.DataFrame {
  return pl
    .DataFrame({
      id_client: ids('id_client', rows),
      first: pl.Series('first', take(own.firstName, rows)),
      last: pl.Series('last', take(own.lastName, rows)),
      style: pl.Series('style', take(own.emailStyle, rows)),
      num: pl.Series('num', take(own.emailNumber, rows)),
      domain: pl.Series('domain', take(own.emailDomain, rows)),
      reg: pl.Series('reg', take(own.registrationDay, rows)),
      country: pl.Series('country', take(original.country, rows)),
    })
    .select(
      pl.col('id_client'),
      pl.concatString([FIRST, LAST], ' ').alias('nom'),
      EMAIL.alias('email'),
      pl.col('reg').cast(pl.Date).alias('date_inscription'),
      COUNTRY.alias('pays'),
    )
    .select(...REQUIRED_CLIENT_COLUMNS)
}

/** Purchase rows (id_achat = index + 1), columns as the original's achats.csv. */
export function achatsFrame(
  original: OriginalDraws,
  own: OwnDraws,
  referenceSecond: number,
  rows: Rows,
): pl.DataFrame {
  return pl
    .DataFrame({
      id_achat: ids('id_achat', rows),
      client: pl.Series('client', take(original.clientId, rows)),
      back: pl.Series('back', take(own.secondsBeforeReference, rows)),
      amount: pl.Series('amount', take(original.amount, rows)),
      product: pl.Series('product', take(original.product, rows)),
    })
    .select(
      pl.col('id_achat'),
      pl.col('client').alias('id_client'),
      pl
        .lit(referenceSecond * 1000)
        .cast(pl.Int64)
        .sub(pl.col('back').cast(pl.Int64).mul(1000))
        .cast(pl.Datetime('ms'))
        .alias('date_achat'),
      pl.col('amount').alias('montant'),
      PRODUCT.alias('produit'),
    )
    .select(...REQUIRED_PURCHASE_COLUMNS)
}

/**
 * The original's CSV layout: comma, LF, quoting only when needed, dates formatted by the writer. Polars
 * writes a whole float as "190.0" and otherwise the shortest round-trip digits, i.e. Python's repr for
 * this domain's amounts (checked against the committed files by the reproduction test).
 */
export const CSV_OPTIONS = {
  includeHeader: true,
  separator: ',',
  lineTerminator: '\n',
  quoteStyle: 'necessary',
  dateFormat: '%Y-%m-%d',
  datetimeFormat: '%Y-%m-%d %H:%M:%S',
} as const satisfies CsvWriterOptions

/** The CSV lines (no header, no line endings) of a frame. */
export function csvLines(df: pl.DataFrame): string[] {
  const text = df.writeCSV({ ...CSV_OPTIONS, includeHeader: false }).toString('utf8')
  return text.length === 0 ? [] : text.replace(/\n$/, '').split('\n')
}
