/**
 * A run's rejects grouped by reason (pipeline.rejects): counts per reason and per file, and the first rows
 * of each reason with their line numbers. Polars scans the run's silver `rejects.parquet` lazily: only the
 * counts and a few example rows are collected, off the event loop, whatever the table's size.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import type { RejectExample, RejectReasonGroup, RunRejects } from '../../../src-preload/contract-runs.ts'
import type { Lake } from '../lake/lake.ts'
import { findRun } from './find-run.ts'
import { rejectLabel } from './reject-labels.ts'

export type RejectsLake = Pick<Lake, 'listRuns' | 'localLayerDir' | 'describeFolder'>

interface ExampleRow {
  source: string
  row_number: number | bigint
  reason: string
  field: string | null
  value: string | null
  record: string | null
}

/** The source's fields of a rejected row (kept as JSON text in the table). */
function recordFields(text: string | null): Record<string, unknown> {
  if (!text) return {}
  try {
    const parsed: unknown = JSON.parse(text)
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : { value: parsed }
  } catch {
    return { text }
  }
}

export async function runRejects(lake: RejectsLake, runId: string, perReason: number): Promise<RunRejects> {
  const record = await findRun(lake, runId)
  const folder = record.layers.silver
  if (!folder) return { runId, available: false, total: 0, reasons: [] }
  const path = join(await lake.localLayerDir(folder), 'rejects.parquet')
  if (!existsSync(path)) return { runId, available: false, total: 0, reasons: [] }
  const rejects = () => pl.scanParquet(path)
  const [perFile, examples] = await Promise.all([
    rejects().groupBy(['reason', 'source']).agg(pl.len().cast(pl.Int64).alias('count')).collect(),
    // The first lines of each reason, file by file: the rows a person finds first when opening the file.
    rejects()
      .sort(['source', 'row_number'])
      // cumCount counts from 1.
      .filter(pl.col('row_number').cumCount().over('reason').ltEq(perReason))
      .select('source', 'row_number', 'reason', 'field', 'value', 'record')
      .collect(),
  ])
  const groups = new Map<string, RejectReasonGroup>()
  for (const row of perFile.toRecords() as { reason: string; source: string; count: number | bigint }[]) {
    const group = groups.get(row.reason) ?? {
      reason: row.reason,
      label: rejectLabel(row.reason),
      count: 0,
      byFile: {},
      examples: [],
    }
    group.count += Number(row.count)
    group.byFile[row.source] = Number(row.count)
    groups.set(row.reason, group)
  }
  for (const row of examples.toRecords() as unknown as ExampleRow[]) {
    const example: RejectExample = {
      file: row.source,
      line: Number(row.row_number),
      field: row.field,
      value: row.value,
      record: recordFields(row.record),
    }
    groups.get(row.reason)?.examples.push(example)
  }
  const reasons = [...groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
  return {
    runId,
    table: `${lake.describeFolder(folder)}/rejects.parquet`,
    available: true,
    total: reasons.reduce((n, r) => n + r.count, 0),
    reasons,
  }
}
