/**
 * One run, as Dagster users expect to open it: what it read and how, who started it, the gate that stopped
 * it, its KPIs, the step timeline (rows in and out, time per step), the counts per file and its rejects.
 */
import type { FileCounts, RunRecord, StepStats } from '../../../src-preload/contract.ts'
import { triggerText } from '../../../src-preload/values.ts'
import { useRun } from '../../api/runs-hooks.ts'
import { KPI_CARDS } from '../../pages/overview-format.ts'
import { RUN_HISTORY_HASH } from '../../pages/run-links.ts'
import { durationMs, formatCount, formatDateTime, formatDuration } from '../../pages/run-summary.ts'
import './runs.css'
import { ErrorNote } from '../ErrorNote.tsx'
import { TableExport } from '../export/TableExport.tsx'
import { KpiCard } from '../KpiCard.tsx'
import { DialectList } from './DialectList.tsx'
import { RunInput, StatusBadge } from './RunHistory.tsx'
import { RunRejects } from './RunRejects.tsx'
import { SOURCE_TABLES } from './run-format.ts'

function Summary({ run }: { run: RunRecord }) {
  return (
    <section className="panel" aria-labelledby="run-summary-title">
      <h2 id="run-summary-title">Summary</h2>
      <dl className="run-facts">
        <dt>Status</dt>
        <dd data-testid="run-status">
          <StatusBadge status={run.status} />
        </dd>
        <dt>Trigger</dt>
        <dd data-testid="run-trigger">{triggerText(run)}</dd>
        <dt>Computed</dt>
        <dd>from {run.from}</dd>
        <dt>Started</dt>
        <dd>{formatDateTime(run.startedAt)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(durationMs(run.startedAt, run.finishedAt))}</dd>
        <dt>Input</dt>
        <dd>
          <RunInput run={run} />
        </dd>
        <dt>Dialect</dt>
        <dd>
          <DialectList run={run} />
        </dd>
      </dl>
    </section>
  )
}

/** The gate (or error) that stopped a failed or cancelled run, as the record keeps it. */
function Stopped({ run }: { run: RunRecord }) {
  if (run.status === 'succeeded') return null
  return (
    <section className="panel panel-stopped" aria-labelledby="run-stopped-title">
      <h2 id="run-stopped-title">{run.status === 'cancelled' ? 'Cancelled' : 'What stopped this run'}</h2>
      <pre className="run-error" role="alert" data-testid="run-error">
        {run.error ?? 'No reason was recorded.'}
      </pre>
      {run.status === 'failed' ? (
        <p className="hint">The previous good run stays current: its gold is still served.</p>
      ) : null}
    </section>
  )
}

function Kpis({ run }: { run: RunRecord }) {
  if (!run.kpis) return null
  const kpis = run.kpis
  const rows = KPI_CARDS.map((card) => ({ kpi: card.key, label: card.label, value: kpis[card.key] }))
  return (
    <section className="panel" aria-labelledby="run-kpis-title">
      <div className="panel-head">
        <h2 id="run-kpis-title">KPIs of this run’s gold</h2>
        <TableExport
          name={`run-kpis-${run.runId}`}
          rows={rows}
          columns={[{ key: 'kpi' }, { key: 'label' }, { key: 'value' }]}
        />
      </div>
      <div className="kpi-grid">
        {KPI_CARDS.map((card) => (
          <KpiCard key={card.key} spec={card} value={kpis[card.key]} />
        ))}
      </div>
    </section>
  )
}

const STEP_COLUMNS = [
  { key: 'layer', label: 'Layer' },
  { key: 'table', label: 'Step' },
  { key: 'rowsIn', label: 'Rows in' },
  { key: 'rowsOut', label: 'Rows out' },
  { key: 'ms', label: 'Time (ms)' },
] as const

function Steps({ run }: { run: RunRecord }) {
  const longest = Math.max(1, ...run.steps.map((s) => s.ms))
  return (
    <section className="panel" aria-labelledby="run-steps-title">
      <div className="panel-head">
        <h2 id="run-steps-title">Steps</h2>
        <TableExport<StepStats> name={`run-steps-${run.runId}`} rows={run.steps} columns={STEP_COLUMNS} />
      </div>
      {run.steps.length === 0 ? <p className="muted">This run recorded no step.</p> : null}
      {run.steps.length > 0 ? (
        <div className="table-wrap">
          <table className="runs run-steps">
            <thead>
              <tr>
                <th>Step</th>
                <th className="num">Rows in</th>
                <th className="num">Rows out</th>
                <th className="num">Time</th>
                <th>
                  <span className="visually-hidden">Time, as a bar</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {run.steps.map((step, i) => (
                <tr key={`${step.layer}/${step.table}/${i}`} data-step={`${step.layer}/${step.table}`}>
                  <td>
                    {step.layer}/{step.table}
                  </td>
                  <td className="num" data-field="rowsIn">
                    {formatCount(step.rowsIn)}
                  </td>
                  <td className="num" data-field="rowsOut">
                    {formatCount(step.rowsOut)}
                  </td>
                  <td className="num">{formatDuration(step.ms)}</td>
                  <td className="step-bar-cell" aria-hidden="true">
                    <span className="step-bar" style={{ width: `${(step.ms / longest) * 100}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}

const FILE_FIELDS = ['read', 'kept', 'rejected', 'blank'] as const satisfies readonly (keyof FileCounts)[]

function Files({ run }: { run: RunRecord }) {
  const rows = SOURCE_TABLES.flatMap((source) => {
    const counts = run.files?.[source]
    return counts ? [{ file: `${source}.${run.dialect?.[source]?.format ?? 'csv'}`, source, ...counts }] : []
  })
  return (
    <section className="panel" aria-labelledby="run-files-title">
      <div className="panel-head">
        <h2 id="run-files-title">Rows per file</h2>
        <TableExport
          name={`run-files-${run.runId}`}
          rows={rows}
          columns={[
            { key: 'file', label: 'File' },
            ...FILE_FIELDS.map((key) => ({ key, label: key[0]?.toUpperCase() + key.slice(1) })),
          ]}
        />
      </div>
      {rows.length === 0 ? (
        <p className="muted">This run read no source file (it reused an earlier run’s bronze).</p>
      ) : (
        <div className="table-wrap">
          <table className="runs run-files">
            <thead>
              <tr>
                <th>File</th>
                {FILE_FIELDS.map((field) => (
                  <th key={field} className="num">
                    {field}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.source} data-source={row.source}>
                  <td>{row.file}</td>
                  {FILE_FIELDS.map((field) => (
                    <td key={field} className="num" data-field={field} data-value={row[field]}>
                      {formatCount(row[field])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

export function RunDetail({ runId }: { runId: string }) {
  const run = useRun(runId)
  return (
    <div className="page">
      <div className="page-head">
        <h1>
          Run <code className="run-id">{runId}</code>
        </h1>
        <a className="button button-small" href={RUN_HISTORY_HASH}>
          ← Run history
        </a>
      </div>
      {run.isPending ? <p className="muted">Loading the run…</p> : null}
      <ErrorNote error={run.error} />
      {run.data === null ? (
        <p className="note note-error" role="alert">
          No run {runId} in the history: it may have been pruned (the history keeps the last runs).
        </p>
      ) : null}
      {run.data ? (
        <>
          <Summary run={run.data} />
          <Stopped run={run.data} />
          <Kpis run={run.data} />
          <Steps run={run.data} />
          <Files run={run.data} />
          <RunRejects runId={runId} />
        </>
      ) : null}
    </div>
  )
}
