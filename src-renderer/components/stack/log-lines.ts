/** A service's log lines as shown and as exported. */
import type { StackLogLine } from '../../../src-preload/contract.ts'
import { fmt } from '../../format/index.ts'

export function shortTime(iso: string | undefined): string {
  const t = iso ? Date.parse(iso) : Number.NaN
  return Number.isFinite(t) ? fmt.time(t) : ''
}

/** Rows for the CSV export: the engine's timestamp, the stream, the text. */
export function logRows(lines: readonly StackLogLine[]): { time: string; stream: string; text: string }[] {
  return lines.map((l) => ({ time: l.time ?? '', stream: l.stream, text: l.text }))
}
