/** Two runs side by side: their KPIs and segments, with the difference (newer − older) and its share. */
import type { ComparedFigure, ComparedRun } from '../../../src-preload/contract-runs.ts'
import { useRunComparison } from '../../api/runs-hooks.ts'
import { formatKpi, KPI_CARDS } from '../../pages/overview-format.ts'
import { RUN_HISTORY_HASH, runDetailHash } from '../../pages/run-links.ts'
import { formatDateTime } from '../../pages/run-summary.ts'
import './runs.css'
import { fmt } from '../../format/index.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { TableExport } from '../export/TableExport.tsx'

type Kind = 'money' | 'count'

function shown(kind: Kind, value: number | null): string {
  return value === null ? '—' : formatKpi(kind, value)
}

function diffText(kind: Kind, figure: ComparedFigure): string {
  if (figure.diff === null) return '—'
  const sign = figure.diff > 0 ? '+' : figure.diff < 0 ? '−' : ''
  return `${sign}${formatKpi(kind, Math.abs(figure.diff))}`
}

function FigureTable({
  title,
  name,
  figures,
  label,
  kind,
}: {
  title: string
  name: string
  figures: readonly ComparedFigure[]
  label: (name: string) => string
  kind: (name: string) => Kind
}) {
  const id = `compare-${name}`
  return (
    <section className="panel" aria-labelledby={id}>
      <div className="panel-head">
        <h2 id={id}>{title}</h2>
        <TableExport
          name={name}
          rows={figures}
          columns={[
            { key: 'name', label: title },
            { key: 'a', label: 'Run A' },
            { key: 'b', label: 'Run B' },
            { key: 'diff', label: 'Difference' },
            { key: 'pct', label: '%' },
          ]}
        />
      </div>
      {figures.length === 0 ? <p className="muted">Neither run has any.</p> : null}
      {figures.length > 0 ? (
        <div className="table-wrap">
          <table className="runs run-compare">
            <thead>
              <tr>
                <th />
                <th className="num">Run A</th>
                <th className="num">Run B</th>
                <th className="num">Difference</th>
                <th className="num">%</th>
              </tr>
            </thead>
            <tbody>
              {figures.map((f) => (
                <tr key={f.name} data-figure={f.name} data-diff={f.diff ?? ''} data-pct={f.pct ?? ''}>
                  <th scope="row">{label(f.name)}</th>
                  <td className="num">{shown(kind(f.name), f.a)}</td>
                  <td className="num">{shown(kind(f.name), f.b)}</td>
                  <td className={`num ${f.diff ? (f.diff > 0 ? 'diff-up' : 'diff-down') : ''}`}>
                    {diffText(kind(f.name), f)}
                  </td>
                  <td className="num">{f.pct === null ? '—' : fmt.growth(f.pct / 100)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}

function RunHeader({ side, run }: { side: 'A' | 'B'; run: ComparedRun }) {
  return (
    <div className="compare-run" data-side={side}>
      <span className="compare-side">Run {side}</span>
      <a href={runDetailHash(run.runId)}>
        <code>{run.runId}</code>
      </a>
      <span className="muted">
        {run.status} · {run.trigger} · {formatDateTime(run.startedAt)}
      </span>
    </div>
  )
}

const kpiLabel = (name: string) => KPI_CARDS.find((c) => c.key === name)?.label ?? name
const kpiKind = (name: string): Kind => KPI_CARDS.find((c) => c.key === name)?.kind ?? 'count'

export function RunCompare({ a, b }: { a: string; b: string }) {
  const comparison = useRunComparison(a, b)
  const data = comparison.data
  return (
    <div className="page">
      <div className="page-head">
        <h1>Compare two runs</h1>
        <a className="button button-small" href={RUN_HISTORY_HASH}>
          ← Run history
        </a>
      </div>
      {comparison.isPending ? <p className="muted">Comparing…</p> : null}
      <ErrorNote error={comparison.error} />
      {data ? (
        <>
          <section className="panel compare-runs" aria-label="The two runs">
            <RunHeader side="A" run={data.a} />
            <RunHeader side="B" run={data.b} />
            <p className="hint">Differences read B − A.</p>
          </section>
          <FigureTable title="KPIs" name="compare-kpis" figures={data.kpis} label={kpiLabel} kind={kpiKind} />
          <FigureTable
            title="Clients per segment"
            name="compare-segment-clients"
            figures={data.segmentClients}
            label={(n) => n}
            kind={() => 'count'}
          />
          <FigureTable
            title="Revenue per segment (12 months)"
            name="compare-segment-revenue"
            figures={data.segmentRevenue}
            label={(n) => n}
            kind={() => 'money'}
          />
        </>
      ) : null}
    </div>
  )
}
