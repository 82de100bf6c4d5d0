/** Every recorded benchmark, newest first, with its headline figure; exportable as CSV. */
import type { BenchResult } from '../../../src-preload/contract-bench.ts'
import { fmt } from '../../format/index.ts'
import { formatDateTime } from '../../pages/run-summary.ts'
import { BENCH_HISTORY_LABELS, catalogColumns } from '../export/column-labels.ts'
import { TableExport } from '../export/TableExport.tsx'
import { formatMs, formatRate, formatSeconds, missedTarget } from './bench-format.ts'

interface HistoryRow {
  startedAt: string
  kind: string
  engine: string
  what: string
  headline: string
  machine: string
}

const COLUMNS = catalogColumns<HistoryRow>(BENCH_HISTORY_LABELS)
const L = BENCH_HISTORY_LABELS

function historyRow(result: BenchResult): HistoryRow {
  const machine = `${result.machine.cpus} cores, ${result.machine.memoryGb} GiB, ${result.machine.platform}, node ${result.machine.node}`
  const base = { startedAt: result.startedAt, kind: result.kind, engine: result.engine, machine }
  if (result.kind === 'pipeline') {
    return {
      ...base,
      what: result.scales.map((s) => `${s.scale} (${fmt.count(s.purchases)} purchases)`).join(', '),
      headline: result.scales
        .map(
          (s) =>
            `${s.scale}: ${formatSeconds(s.totalS)}, ${formatRate(s.rowsPerS)}, ${fmt.count(s.peakRssMb)} MB${s.met ? '' : ` (${missedTarget(s)})`}`,
        )
        .join('; '),
    }
  }
  return {
    ...base,
    what: `${fmt.count(result.datasetSize)} purchases${result.runId ? `, run ${result.runId}` : ''}`,
    headline: result.sources.map((s) => `${s.source} p50 ${formatMs(s.total.p50Ms)}`).join(', '),
  }
}

export function BenchHistoryTable({ results }: { results: readonly BenchResult[] }) {
  const rows = results.map(historyRow)
  return (
    <section className="panel" data-testid="bench-history">
      <div className="panel-head">
        <h2>History</h2>
        <TableExport name="bench-history" rows={rows} columns={COLUMNS} />
      </div>
      {rows.length === 0 ? (
        <p className="muted">No benchmark recorded yet in this data folder.</p>
      ) : (
        <div className="table-wrap">
          <table className="runs">
            <thead>
              <tr>
                <th>{L.startedAt}</th>
                <th>{L.kind}</th>
                <th>{L.engine}</th>
                <th>{L.what}</th>
                <th>{L.headline}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={results[i]?.id} data-kind={row.kind}>
                  <td title={row.machine}>{formatDateTime(row.startedAt)}</td>
                  <td>{row.kind}</td>
                  <td>{row.engine}</td>
                  <td>{row.what}</td>
                  <td>{row.headline}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
