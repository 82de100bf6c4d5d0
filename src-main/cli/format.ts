/** Human-readable renderings of run records and generation results for the terminal. */
import type { RunRecord, SourceTable } from '../../src-preload/contract.ts'
import { triggerText } from '../../src-preload/values.ts'
import type { Lake } from '../core/lake/lake.ts'

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

export function formatInt(n: number): string {
  return integer.format(n)
}

export function formatMoney(n: number): string {
  return money.format(n)
}

export function durationMs(record: RunRecord): number {
  return Date.parse(record.finishedAt) - Date.parse(record.startedAt)
}

function rejectedCount(record: RunRecord): number {
  return Object.values(record.quality).reduce(
    (sum, q) => sum + ((q.initial_rows ?? 0) - (q.final_rows ?? 0)),
    0,
  )
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }

/** How a file was read and what became of its rows, e.g. "semicolon, windows-1252, decimal comma, %d/%m/%Y". */
function fileLine(record: RunRecord, table: SourceTable): string | undefined {
  const dialect = record.dialect?.[table]
  const counts = record.files?.[table]
  if (!dialect && !counts) return undefined
  const how = !dialect
    ? []
    : dialect.format === 'parquet'
      ? ['Parquet']
      : [
          `${DELIMITER_NAMES[dialect.delimiter ?? ','] ?? dialect.delimiter}-separated`,
          `${dialect.encoding}${dialect.bom ? ' with BOM' : ''}`,
          `decimal ${dialect.decimal === ',' ? 'comma' : 'point'}`,
          `dates ${dialect.dateFormat}`,
        ]
  const rows = counts
    ? [
        `${formatInt(counts.read)} rows read: ${formatInt(counts.kept)} kept, ${formatInt(counts.rejected)} rejected, ${formatInt(counts.blank)} blank`,
      ]
    : []
  return [...rows, ...(how.length ? [`(${how.join(', ')})`] : [])].join(' ')
}

export function runSummary(record: RunRecord, lake: Lake): string {
  const lines = [
    `run ${record.runId} ${record.status} in ${(durationMs(record) / 1000).toFixed(2)} s (from ${record.from}` +
      `${record.trigger === 'manual' ? '' : `, ${triggerText(record)}`})`,
  ]
  if (record.status !== 'succeeded') {
    lines.push(`  error    ${record.error ?? 'unknown'}`)
    return lines.join('\n')
  }
  const t = record.tables
  for (const table of ['clients', 'achats'] as const) {
    const read = fileLine(record, table)
    if (read) lines.push(`  ${table.padEnd(8)} ${read}`)
  }
  if (t['bronze/achats'] !== undefined) {
    lines.push(
      `  bronze   clients ${formatInt(t['bronze/clients'] ?? 0)} rows, achats ${formatInt(t['bronze/achats'])} rows`,
    )
  }
  if (t['silver/achats'] !== undefined) {
    lines.push(
      `  silver   ${formatInt(t['silver/clients'] ?? 0)} clients, ${formatInt(t['silver/achats'])} purchases kept; ` +
        `${formatInt(rejectedCount(record))} rows rejected`,
    )
  }
  const goldTables = Object.keys(t).filter((k) => k.startsWith('gold/')).length
  lines.push(`  gold     ${goldTables} tables, reference date ${record.referenceDate ?? '-'}`)
  const k = record.kpis
  if (k) {
    lines.push(
      `  KPIs     revenue ${formatMoney(k.total_ca)} · purchases ${formatInt(k.total_achats)} · clients ${formatInt(k.total_clients)}` +
        ` · average basket ${formatMoney(k.panier_moyen)} · expected 12m ${formatMoney(k.expected_total)}`,
    )
    lines.push(
      `  segments ${Object.entries(k.segments)
        .map(([name, n]) => `${name} ${formatInt(n)}`)
        .join(' · ')}`,
    )
  }
  if (record.layers.gold) lines.push(`  gold at  ${lake.describeFolder(record.layers.gold)}`)
  return lines.join('\n')
}

export function runsTable(records: RunRecord[]): string {
  if (records.length === 0) return 'no runs yet: `medallion run` starts one'
  const header = ['run', 'status', 'trigger', 'from', 'started', 'seconds', 'purchases', 'rejected']
  const rows = records.map((r) => [
    r.runId,
    r.status,
    triggerText(r),
    r.from,
    r.startedAt.replace('T', ' ').slice(0, 19),
    (durationMs(r) / 1000).toFixed(2),
    r.kpis ? formatInt(r.kpis.total_achats) : '-',
    r.status === 'succeeded' ? formatInt(rejectedCount(r)) : '-',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)))
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}
