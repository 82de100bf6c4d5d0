/**
 * Gates between silver and gold: a run may commit only when each source kept rows and rejected no more
 * than a share of them (10 % by default). Otherwise it fails, the previous gold stays current, and the
 * message names the file, the counts, the main reasons with one example each (line, field, value) and the
 * likely fix — a file read in the wrong dialect rejects nearly everything, and says how to read it.
 */
import pl from 'nodejs-polars'
import type { FileCounts, FileDialect, SourceTable } from '../../src-preload/contract.ts'
import { quoted } from '../quoted-text.ts'

const REASONS_SHOWN = 3

export interface GateInput {
  /** The source files' names, as the rejects table calls them. */
  files: Record<SourceTable, string>
  counts: Record<SourceTable, FileCounts>
  dialect: Partial<Record<SourceTable, FileDialect>>
  /** Silver's rejects table (both files). */
  rejects: pl.DataFrame
  maxRejectShare: number
  /** Where the rejects are kept, for the message (e.g. silver/<run id>/rejects.parquet). */
  rejectsAt: string
}

interface ReasonExample {
  reason: string
  count: number
  line: number
  field: string | null
  value: string | null
}

/** The most frequent reasons of a file's rejects, each with its first example. */
function mainReasons(rejects: pl.DataFrame, file: string): ReasonExample[] {
  const own = rejects.filter(pl.col('source').eq(pl.lit(file)))
  if (own.height === 0) return []
  return own
    .sort('row_number')
    .groupBy('reason')
    .agg(
      pl.len().alias('count'),
      pl.col('row_number').first().alias('line'),
      pl.col('field').first().alias('field'),
      pl.col('value').first().alias('value'),
    )
    .sort('count', true)
    .head(REASONS_SHOWN)
    .toRecords() as unknown as ReasonExample[]
}

/** A value is shown escaped and cut; a reject of a whole line (no field) by its line number only. */
function describe(example: ReasonExample): string {
  const what = example.field ? `: ${example.field} ${quoted(String(example.value ?? ''))}` : ''
  return `${example.reason} ×${example.count} (line ${example.line}${what})`
}

/** What to try, read from the first examples: the usual mistakes of a file's dialect. */
function likelyFix(reasons: ReasonExample[], dialect: FileDialect | undefined): string | undefined {
  for (const { reason, field, value } of reasons) {
    const text = String(value ?? '').trim()
    if (reason === 'invalid_date' && /^\d{1,2}\/\d{1,2}\/\d{4}/.test(text)) {
      return `the dates look like ${text}: pass --date-format %d/%m/%Y (or %m/%d/%Y)`
    }
    if (reason === 'invalid_number' && field === 'montant' && /^-?\d+,\d+$/.test(text)) {
      return `the amounts look like ${text}: pass --decimal ,`
    }
    if (reason === 'wrong_field_count' && dialect?.delimiter === ',' && /\d,\d/.test(text)) {
      return 'numbers written with a decimal comma split into two fields in this comma-separated file: save it with ";" as the separator, or quote those numbers'
    }
    if (reason === 'wrong_field_count') {
      return `the lines do not split into the header's columns with "${dialect?.delimiter === '\t' ? 'tab' : (dialect?.delimiter ?? ',')}": pass --delimiter with the file's separator`
    }
  }
  return undefined
}

/** The message of a failed gate; the reasons are looked up only then (they cost a pass over the rejects). */
function failure(file: string, headline: string, input: GateInput, table: SourceTable): string {
  const reasons = mainReasons(input.rejects, file)
  const fix = likelyFix(reasons, input.dialect[table])
  const parts = [
    `${file}: ${headline}; the previous gold stays current`,
    reasons.length > 0 ? `main reasons: ${reasons.map(describe).join('; ')}` : undefined,
    fix ? `likely fix: ${fix}` : undefined,
    `every rejected row is in ${input.rejectsAt}`,
  ]
  return parts.filter(Boolean).join('. ')
}

/** Why the run must stop before gold, or undefined when both sources pass. */
export function gateFailure(input: GateInput): string | undefined {
  for (const table of ['clients', 'achats'] as const) {
    const file = input.files[table]
    const { kept, rejected } = input.counts[table]
    const rows = kept + rejected
    const what = table === 'clients' ? 'client' : 'purchase'
    if (kept === 0)
      return failure(file, `no ${what} survived silver: all ${rows} rows were rejected`, input, table)
    const share = rows === 0 ? 0 : rejected / rows
    if (share > input.maxRejectShare) {
      const percent = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`
      return failure(
        file,
        `${rejected} of ${rows} rows were rejected (${percent(share)}, more than the ${percent(input.maxRejectShare)} --max-reject-share allows)`,
        input,
        table,
      )
    }
  }
  return undefined
}
