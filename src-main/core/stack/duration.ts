/**
 * Compose durations (Go's format): one or more `<number><unit>` with units ns, us, ms, s, m, h, e.g. `10s`,
 * `1m30s`, `500ms`, `1.5h`; a bare `0` is zero.
 */

const MS_PER_UNIT: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
}
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y

/** The duration in whole milliseconds, or undefined when the text is not a duration. */
export function parseDurationMs(text: string): number | undefined {
  if (text === '0') return 0
  if (text === '') return undefined
  let total = 0
  PART.lastIndex = 0
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text)
    if (match === null) return undefined
    total += Number(match[1]) * (MS_PER_UNIT[match[2] as string] ?? Number.NaN)
  }
  return Math.round(total)
}
