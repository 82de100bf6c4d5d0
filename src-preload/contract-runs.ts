/**
 * Inspecting runs (issue 14): a run's rejects grouped by reason with example rows, and two runs compared.
 * Each call: its zod input schema (main validates before acting) and its output type; names in names-runs.ts.
 */
import { z } from 'zod'
import { call } from './call.ts'
import type { RunStatus, RunTrigger } from './contract.ts'
import { MAX_REJECT_EXAMPLES, REJECT_EXAMPLES, RUN_ID_PATTERN } from './values.ts'

const RunId = z.string().regex(RUN_ID_PATTERN, 'a run id, as `medallion runs` lists them')

const RejectsInput = z
  .object({
    runId: RunId,
    /** Example rows per reason (the first lines of the files). */
    perReason: z.number().int().min(1).max(MAX_REJECT_EXAMPLES).default(REJECT_EXAMPLES),
  })
  .strict()

/** One rejected row: where it was (file, physical line) and the source's fields as read (text). */
export interface RejectExample {
  file: string
  line: number
  /** The field that broke the rule (none for a line with the wrong number of fields). */
  field: string | null
  value: string | null
  /** The row's fields as the file has them; a line with the wrong field count has only `line`, its text. */
  record: Record<string, unknown>
}

export interface RejectReasonGroup {
  /** silver's reason code (invalid_date, duplicate_id…), or bronze's wrong_field_count. */
  reason: string
  /** What the reason means, in words. */
  label: string
  count: number
  /** Rejects per file, for this reason. */
  byFile: Record<string, number>
  examples: RejectExample[]
}

export interface RunRejects {
  runId: string
  /** Where the rejects table is read from (the run's silver layer, possibly reused from an older run). */
  table?: string
  /** False when the run kept no silver layer (it failed in bronze, or was cancelled). */
  available: boolean
  total: number
  /** Most frequent first. */
  reasons: RejectReasonGroup[]
}

const CompareInput = z.object({ a: RunId, b: RunId }).strict()

/** One figure of two runs: `diff` = b − a, `pct` = diff / |a| × 100 (null when a is 0 or missing). */
export interface ComparedFigure {
  name: string
  a: number | null
  b: number | null
  diff: number | null
  pct: number | null
}

export interface ComparedRun {
  runId: string
  status: RunStatus
  trigger: RunTrigger
  startedAt: string
}

export interface RunComparison {
  a: ComparedRun
  b: ComparedRun
  /** The headline KPIs of each run's gold (total_ca, total_achats, total_clients, panier_moyen, expected_total). */
  kpis: ComparedFigure[]
  /** Clients per segment, from each run's gold segment_summary. */
  segmentClients: ComparedFigure[]
  /** Revenue over the last 12 months per segment (ca_12m), from the same table. */
  segmentRevenue: ComparedFigure[]
}

export const runsCalls = {
  'pipeline.rejects': call<typeof RejectsInput, RunRejects>(RejectsInput),
  'pipeline.compare': call<typeof CompareInput, RunComparison>(CompareInput),
} as const
