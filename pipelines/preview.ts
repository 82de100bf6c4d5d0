/**
 * The preview of an import, before anything runs: both files read by bronze's own reader in their dialect
 * (detected, or given), cleaned by silver's own rules, and summed up — how each file was read, its first
 * rows, each column's type, how many rows a run would keep and reject and why, with examples — and
 * whether the gates would stop the run. Writes nothing but the UTF-8 copies bronze may need, in `workDir`.
 */
import { basename } from 'node:path'
import pl from 'nodejs-polars'
import type { Row, SourceTable } from '../src-preload/contract.ts'
import type { FilePreview, ImportPreview, PreviewRejectReason } from '../src-preload/contract-import.ts'
import { PREVIEW_ROWS } from '../src-preload/names-import.ts'
import { DEFAULT_MAX_REJECT_SHARE } from '../src-preload/values.ts'
import { type DialectChoice, readSource } from './bronze.ts'
import { fileCounts, SOURCES } from './run-layers.ts'
import { gateFailure } from './silver/gates.ts'
import { buildSilver } from './silver/index.ts'
import { ISO_DATE } from './silver/parse.ts'

export interface PreviewPlan {
  /** The folder the run would read, as the caller resolved it. */
  inputDir: string
  sources: Record<SourceTable, string>
  dialect?: Partial<Record<SourceTable, DialectChoice>>
  /** A scratch folder for bronze's UTF-8 copies (the caller removes it). */
  workDir: string
  nowMicros: number
  maxRejectShare?: number
}

const EXAMPLES_PER_REASON = 3
const LINEAGE_COLUMNS = ['_source_file', '_row_number', '_ingested_at', '_batch_id']

/** Each reason of one file's rejects, the most frequent first, with its first rows as examples. */
function rejectReasons(rejects: pl.DataFrame, file: string): PreviewRejectReason[] {
  const own = rejects.filter(pl.col('source').eq(pl.lit(file))).sort('row_number')
  const reasons = own.groupBy('reason').len().sort('len', true).toRecords() as {
    reason: string
    len: number
  }[]
  return reasons.map(({ reason, len }) => ({
    reason,
    count: Number(len),
    examples: (
      own
        .filter(pl.col('reason').eq(pl.lit(reason)))
        .head(EXAMPLES_PER_REASON)
        .select('row_number', 'field', 'value')
        .toRecords() as { row_number: number | bigint; field: string | null; value: string | null }[]
    ).map((r) => ({ line: Number(r.row_number), field: r.field, value: r.value })),
  }))
}

/** The file's first rows as bronze read them (text), each with its line in the file. */
function firstRows(bronze: pl.DataFrame): Row[] {
  const columns = bronze.columns.filter((c) => !LINEAGE_COLUMNS.includes(c))
  const head = bronze
    .head(PREVIEW_ROWS)
    .select(pl.col('_row_number').alias('_line'), ...columns.map((c) => pl.col(c)))
  return (head.toRecords() as Record<string, unknown>[]).map((record) => {
    const row: Row = {}
    for (const [key, value] of Object.entries(record)) {
      row[key] = typeof value === 'bigint' ? Number(value) : (value as Row[string])
    }
    return row
  })
}

/** Each source column with the type silver gives it; a column silver does not keep stays text. */
function columnTypes(bronze: pl.DataFrame, silver: pl.DataFrame) {
  // `variant` is the type's name (Float64, Datetime…); String(dtype) says "DataType(Float64)".
  const typed = new Map(silver.columns.map((c) => [c, silver.getColumn(c).dtype.variant]))
  return bronze.columns
    .filter((c) => !LINEAGE_COLUMNS.includes(c))
    .map((name) => ({ name, type: typed.get(name) ?? 'text' }))
}

export async function previewImport(plan: PreviewPlan): Promise<ImportPreview> {
  const lineage = { batchId: 'preview', ingestedAtMicros: plan.nowMicros }
  const read = async (table: SourceTable) =>
    readSource(
      { path: plan.sources[table], ...SOURCES[table], dialect: plan.dialect?.[table], workDir: plan.workDir },
      table,
      lineage,
    )
  const landed = { clients: await read('clients'), achats: await read('achats') }
  const formats = (table: SourceTable) => ({
    decimal: landed[table].dialect.decimal ?? '.',
    dateFormat: landed[table].dialect.dateFormat ?? ISO_DATE,
  })
  const silver = buildSilver(
    { clients: landed.clients.frame, achats: landed.achats.frame },
    { nowMicros: plan.nowMicros, formats: { clients: formats('clients'), achats: formats('achats') } },
    { clients: landed.clients.malformed, achats: landed.achats.malformed },
  )
  const names = { clients: basename(plan.sources.clients), achats: basename(plan.sources.achats) }
  const counts = fileCounts(silver, names, { clients: landed.clients.blank, achats: landed.achats.blank })
  const dialect = { clients: landed.clients.dialect, achats: landed.achats.dialect }
  const file = (table: SourceTable): FilePreview => ({
    file: names[table],
    dialect: dialect[table],
    counts: counts[table],
    columns: columnTypes(landed[table].frame, silver[table]),
    rows: firstRows(landed[table].frame),
    rejects: rejectReasons(silver.rejects, names[table]),
  })
  const wouldFail = gateFailure({
    files: names,
    counts,
    dialect,
    rejects: silver.rejects,
    maxRejectShare: plan.maxRejectShare ?? DEFAULT_MAX_REJECT_SHARE,
    rejectsAt: 'the run’s silver/rejects.parquet',
  })
  return {
    inputDir: plan.inputDir,
    files: { clients: file('clients'), achats: file('achats') },
    ...(wouldFail ? { wouldFail } : {}),
  }
}
