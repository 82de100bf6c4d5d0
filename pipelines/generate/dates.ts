/**
 * Naive date-times as whole seconds / days since 1970-01-01, read and written as UTC so that the host's
 * time zone never shifts a generated value (the original's local-vs-UTC mix-up, spec §13).
 */

export const SECONDS_PER_DAY = 86_400

const REFERENCE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/

/** Parses 'YYYY-MM-DD HH:MM:SS' (or 'YYYY-MM-DD', midnight) into seconds since the epoch. */
export function parseNaiveDateTime(text: string): number {
  const m = REFERENCE_PATTERN.exec(text)
  if (!m) throw new RangeError(`expected 'YYYY-MM-DD HH:MM:SS', got '${text}'`)
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = m.slice(1).map((part) => Number(part ?? 0))
  const ms = Date.UTC(y, mo - 1, d, h, mi, s)
  // Date.UTC silently rolls over (Feb 30 → Mar 2): a round trip catches impossible dates.
  const canonical = `${m[1]}-${m[2]}-${m[3]} ${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}`
  if (Number.isNaN(ms) || formatSecond(ms / 1000) !== canonical) {
    throw new RangeError(`not a valid date-time: '${text}'`)
  }
  return ms / 1000
}

/** The day number (days since the epoch) of the same calendar date `years` earlier (Feb 29 → Mar 1). */
export function dayYearsBefore(second: number, years: number): number {
  const d = new Date(second * 1000)
  return Math.floor(Date.UTC(d.getUTCFullYear() - years, d.getUTCMonth(), d.getUTCDate()) / 86_400_000)
}

/** 'YYYY-MM-DD' for a day number. */
export function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10)
}

/** 'YYYY-MM-DD HH:MM:SS' for seconds since the epoch. */
export function formatSecond(second: number): string {
  const iso = new Date(second * 1000).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`
}
