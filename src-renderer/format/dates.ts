/**
 * Dates as the UI writes them. The lake's dates and timestamps are naive UTC ("2026-10-31T00:00:00.000"),
 * so days and months are read and shown in UTC; a run's own times are real instants, shown in local time.
 */
import { MISSING } from './numbers.ts'

const DAY = /^(\d{4})-(\d{2})-(\d{2})/
const MONTH = /^(\d{4})-(\d{2})$/

export function dateFormats(locale: string | undefined) {
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
  const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' })
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' })
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })

  return {
    /** 'YYYY-MM-DD' or a naive-UTC timestamp → "Oct 31, 2026"; anything else as it came. */
    day(value: string | null | undefined): string {
      if (!value) return MISSING
      const match = DAY.exec(value)
      if (!match) return value
      return day.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
    },
    /** "2024-03" → "Mar 2024"; anything else as it came. */
    month(value: string): string {
      const match = MONTH.exec(value)
      if (!match) return value
      return month.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1))
    },
    /** An instant (ISO with a zone, or epoch ms) in local time: "Dec 3, 2026, 5:42:26 AM". */
    dateTime(value: string | number): string {
      const t = typeof value === 'number' ? value : Date.parse(value)
      return Number.isFinite(t) ? dateTime.format(t) : String(value)
    },
    /** An instant's time of day: "05:42:26". */
    time(value: number | Date): string {
      return time.format(value)
    },
  }
}
