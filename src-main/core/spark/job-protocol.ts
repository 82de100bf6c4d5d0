/**
 * The lines a Spark job prints (pipelines/spark/report.py): `MEDALLION <kind> <json>` on stdout. Any other
 * line is the driver's log.
 */
import type { LayerResult } from '../../../pipelines/run-layers.ts'
import type { StepStats } from '../../../src-preload/contract.ts'

export type JobEvent =
  /** The application started: its id, master, UI (null when off) and the driver JVM's pid. */
  | { kind: 'app'; id: string; master: string; ui: string | null; pid?: number }
  | { kind: 'progress'; fraction: number; label: string }
  | { kind: 'step'; stats: StepStats }
  | { kind: 'done'; result: LayerResult }
  | { kind: 'error'; code: string; message: string }

const LINE = /^MEDALLION (app|progress|step|done|error) (\{.*\})\s*$/

/** The event a line carries, or undefined for a log line (or a line that is not valid JSON). */
export function parseJobLine(line: string): JobEvent | undefined {
  const match = LINE.exec(line)
  if (!match) return undefined
  let payload: Record<string, unknown>
  try {
    payload = JSON.parse(match[2] as string) as Record<string, unknown>
  } catch {
    return undefined
  }
  switch (match[1]) {
    case 'step':
      return { kind: 'step', stats: payload as unknown as StepStats }
    case 'done':
      return { kind: 'done', result: payload as unknown as LayerResult }
    default:
      return { kind: match[1], ...payload } as JobEvent
  }
}
