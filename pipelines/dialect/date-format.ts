/**
 * Date formats in strftime, as Polars writes them: the ISO default (%Y-%m-%d) or the date's parts in
 * another order with one separator (%d/%m/%Y, %m/%d/%Y, %d.%m.%Y, %Y/%m/%d…). A time after the date
 * (H:MM or HH:MM:SS) is read whatever the format says of it, so one format serves a date column and a
 * timestamp column of the same file.
 */
import { PipelineInputError } from '../pipeline-error.ts'

export interface DateOrder {
  /** Matches a whole value: groups 1–3 the date's parts as written, 4–6 hours, minutes, seconds. */
  pattern: string
  /** Which group holds the year, the month, the day. */
  year: number
  month: number
  day: number
}

const PART = { '%Y': String.raw`(\d{4})`, '%m': String.raw`(\d{1,2})`, '%d': String.raw`(\d{1,2})` } as const
const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?`

/** The date part of a format (before any time), e.g. %d/%m/%Y of "%d/%m/%Y %H:%M". */
export function datePart(format: string): string {
  return format.trim().split(/\s+|T/)[0] ?? ''
}

export function dateOrder(format: string): DateOrder {
  const date = datePart(format)
  const parts = /^(%[Ymd])([/.-])(%[Ymd])\2(%[Ymd])$/.exec(date)
  const order = parts ? [parts[1], parts[3], parts[4]] : []
  if (!parts || new Set(order).size !== 3) {
    throw new PipelineInputError(
      'invalid_date_format',
      `the date format "${format}" is not one Medallion reads: the day (%d), month (%m) and year (%Y) with one separator, e.g. %d/%m/%Y or %Y-%m-%d`,
    )
  }
  const separator = (parts[2] as string).replace(/[.-]/, (c) => `\\${c}`)
  const pattern = `^${order.map((p) => PART[p as keyof typeof PART]).join(separator)}${TIME}$`
  const at = (part: string) => order.indexOf(part) + 1
  return { pattern, year: at('%Y'), month: at('%m'), day: at('%d') }
}
