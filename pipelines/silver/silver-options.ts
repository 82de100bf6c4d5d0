/** Options and result shared by the silver cleaners. */
import pl from 'nodejs-polars'
import type { DecimalMark } from '../../src-preload/values.ts'
import { DATE_LOWER_BOUND } from '../schema.ts'

/** How a source writes its numbers and dates (its dialect, detected in bronze or given). */
export interface ValueFormats {
  decimal: DecimalMark
  /** strftime of the date part, e.g. %Y-%m-%d (the default) or %d/%m/%Y. */
  dateFormat: string
}

export interface SilverOptions {
  /** "Now" in microseconds since the epoch (UTC); injected so runs and tests are reproducible. */
  nowMicros: number
  /** Per source; the default is a point and ISO dates. */
  formats?: Partial<Record<'clients' | 'achats', ValueFormats>>
}

export interface CleanResult {
  clean: pl.DataFrame
  rejects: pl.DataFrame
  quality: Record<string, number>
}

/** The widest UTC offset in use: a naive local time up to "now" anywhere on Earth is never "future". */
const MAX_UTC_OFFSET_MICROS = 14 * 3_600_000_000

export function dateBounds(options: SilverOptions): { lower: pl.Expr; upper: pl.Expr } {
  const lowerMicros = Date.parse(`${DATE_LOWER_BOUND}T00:00:00Z`) * 1000
  return {
    lower: pl.lit(lowerMicros).cast(pl.Int64).cast(pl.Datetime('us')),
    upper: pl
      .lit(options.nowMicros + MAX_UTC_OFFSET_MICROS)
      .cast(pl.Int64)
      .cast(pl.Datetime('us')),
  }
}
