/**
 * The renderer's one formatting module: every number, amount, share, date and duration the UI shows goes
 * through `fmt`, built for the user's locale (navigator.language; the browser tests pin en-US).
 * `createFormat(locale)` builds the same set for another locale (the unit tests).
 */
import { dateFormats } from './dates.ts'
import { durationFormats } from './durations.ts'
import { numberFormats } from './numbers.ts'

export { CURRENCY, MISSING } from './numbers.ts'

export function createFormat(locale: string | undefined) {
  return { ...numberFormats(locale), ...dateFormats(locale), ...durationFormats(locale) }
}

export type Format = ReturnType<typeof createFormat>

const userLocale = typeof navigator === 'undefined' ? undefined : navigator.language

export const fmt: Format = createFormat(userLocale)
