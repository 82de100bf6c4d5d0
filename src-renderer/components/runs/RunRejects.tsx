/** A run's rejects grouped by reason: how many, from which file, and the first rows with their line numbers. */
import type { RejectReasonGroup } from '../../../src-preload/contract-runs.ts'
import { useRunRejects } from '../../api/runs-hooks.ts'
import { formatCount } from '../../pages/run-summary.ts'
import { hashOfSource } from '../browse/browse-hash.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { TableExport } from '../export/TableExport.tsx'
import { WholeTableExport } from '../export/WholeTableExport.tsx'

interface ExampleRow {
  reason: string
  file: string
  line: number
  field: string
  value: string
  record: string
}

const EXAMPLE_COLUMNS = [
  { key: 'reason' },
  { key: 'file' },
  { key: 'line' },
  { key: 'field' },
  { key: 'value' },
  { key: 'record' },
] as const

function exampleRows(reasons: readonly RejectReasonGroup[]): ExampleRow[] {
  return reasons.flatMap((group) =>
    group.examples.map((e) => ({
      reason: group.reason,
      file: e.file,
      line: e.line,
      field: e.field ?? '',
      value: e.value ?? '',
      record: JSON.stringify(e.record),
    })),
  )
}

function ReasonGroup({ group }: { group: RejectReasonGroup }) {
  const headingId = `reject-${group.reason}`
  return (
    <section className="reject-group" aria-labelledby={headingId} data-reason={group.reason}>
      <h3 id={headingId}>
        {group.label} <code>{group.reason}</code>{' '}
        <span className="num" data-testid={`reject-count-${group.reason}`} data-value={group.count}>
          ×{formatCount(group.count)}
        </span>
      </h3>
      <p className="muted">
        {Object.entries(group.byFile)
          .map(([file, count]) => `${file}: ${formatCount(count)}`)
          .join(' · ')}
        {group.examples.length < group.count ? ` — the first ${group.examples.length} shown` : ''}
      </p>
      <div className="table-wrap">
        <table className="runs reject-examples">
          <thead>
            <tr>
              <th>File</th>
              <th className="num">Line</th>
              <th>Field</th>
              <th>Value</th>
              <th>Row as read</th>
            </tr>
          </thead>
          <tbody>
            {group.examples.map((e) => (
              <tr key={`${e.file}:${e.line}`}>
                <td>{e.file}</td>
                <td className="num" data-field="line">
                  {e.line}
                </td>
                <td>{e.field ?? '—'}</td>
                <td>
                  <code>{e.value ?? ''}</code>
                </td>
                <td>
                  <code className="reject-record">{JSON.stringify(e.record)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

export function RunRejects({ runId }: { runId: string }) {
  const rejects = useRunRejects(runId)
  const data = rejects.data
  return (
    <section className="panel" aria-labelledby="run-rejects-title">
      <div className="panel-head">
        <h2 id="run-rejects-title">Rejects{data?.available ? ` (${formatCount(data.total)})` : ''}</h2>
        <TableExport
          name={`rejects-examples-${runId}`}
          rows={exampleRows(data?.reasons ?? [])}
          columns={EXAMPLE_COLUMNS}
        />
      </div>
      {rejects.isPending ? <p className="muted">Loading the rejects…</p> : null}
      <ErrorNote error={rejects.error} />
      {data && !data.available ? (
        <p className="muted">
          This run kept no silver layer (it stopped in bronze or was cancelled): no rejects to show.
        </p>
      ) : null}
      {data?.available && data.total === 0 ? (
        <p className="muted">Silver rejected no row in this run.</p>
      ) : null}
      {data?.available && data.table ? <p className="hint rejects-source">From {data.table}</p> : null}
      {data?.available && data.total > 0 ? (
        <p className="rejects-actions">
          {/* Every reject, not just the examples: the core streams the whole table to the file. */}
          <WholeTableExport
            source={{ run: runId, layer: 'silver', table: 'rejects' }}
            rows={data.total}
            label="Download rejects as CSV"
          />{' '}
          <a href={hashOfSource({ run: runId, layer: 'silver', table: 'rejects' })}>Browse them in Data</a>
        </p>
      ) : null}
      {data?.reasons.map((group) => (
        <ReasonGroup key={group.reason} group={group} />
      ))}
    </section>
  )
}
