/** A service's log lines as shown and as exported. */
import type { StackLogLine } from '../../../src-preload/contract.ts'

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

export function shortTime(iso: string | undefined): string {
  const t = iso ? Date.parse(iso) : Number.NaN
  return Number.isFinite(t) ? timeFormat.format(t) : ''
}

/** Rows for the CSV export: the engine's timestamp, the stream, the text. */
export function logRows(lines: readonly StackLogLine[]): { time: string; stream: string; text: string }[] {
  return lines.map((l) => ({ time: l.time ?? '', stream: l.stream, text: l.text }))
}
