/** Durations and rates with the locale's digits: "850 ms", "2.35 s", "3 min 05 s", "12,345 rows/s". */
import { MISSING } from './numbers.ts'

export function durationFormats(locale: string | undefined) {
  const digits = (max: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: max })
  const whole = digits(0)
  const one = digits(1)
  const two = digits(2)
  const three = digits(3)

  const seconds = (s: number | null | undefined): string => {
    if (typeof s !== 'number' || !Number.isFinite(s)) return MISSING
    if (s === 0) return '0 s'
    if (s < 1) return `${whole.format(s * 1000)} ms`
    if (s < 60) return `${(s < 10 ? two : one).format(s)} s`
    const wholeSeconds = Math.round(s)
    const minutes = Math.floor(wholeSeconds / 60)
    if (minutes < 60) return `${minutes} min ${String(wholeSeconds % 60).padStart(2, '0')} s`
    return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
  }

  return {
    seconds,
    /** Milliseconds: below one second in ms (up to three decimals under 1 ms), else as `seconds`. */
    ms(ms: number | null | undefined): string {
      if (typeof ms !== 'number' || !Number.isFinite(ms)) return MISSING
      if (ms < 1) return `${three.format(ms)} ms`
      if (ms < 1000) return `${(ms < 10 ? two : whole).format(ms)} ms`
      return seconds(ms / 1000)
    },
    /** A rate: 12345.6 → "12,346/s". */
    rate(perSecond: number | null | undefined, unit = ''): string {
      if (typeof perSecond !== 'number' || !Number.isFinite(perSecond)) return MISSING
      return `${whole.format(perSecond)}${unit ? ` ${unit}` : ''}/s`
    },
  }
}
