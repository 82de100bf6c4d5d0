/**
 * The run history: one compact row per run — its full id (a link to its detail), status, who started it,
 * when, how long, the files it read and how — and two runs picked to compare.
 */
import { useState } from 'react'
import type { RunRecord } from '../../../src-preload/contract.ts'
import { triggerText } from '../../../src-preload/values.ts'
import { useRuns } from '../../api/hooks.ts'
import { runCompareHash, runDetailHash } from '../../pages/run-links.ts'
import {
  durationMs,
  formatCount,
  formatDateTime,
  formatDuration,
  rejectsCount,
} from '../../pages/run-summary.ts'
import './runs.css'
import { ErrorNote } from '../ErrorNote.tsx'
import { TableExport } from '../export/TableExport.tsx'
import { DialectList } from './DialectList.tsx'
import { dialectText, inputFiles } from './run-format.ts'

export function StatusBadge({ status }: { status: RunRecord['status'] }) {
  return <span className={`badge badge-${status}`}>{status}</span>
}

/** A run's input: the folder it read and the files' names (runs from silver or gold read none). */
export function RunInput({ run }: { run: Pick<RunRecord, 'inputDir' | 'dialect' | 'from'> }) {
  if (!run.inputDir) return <span className="muted">reused {run.from === 'gold' ? 'silver' : 'bronze'}</span>
  return (
    <span className="run-input">
      <code className="run-input-dir">{run.inputDir}</code>
      <span className="run-input-files">{inputFiles(run).join(', ')}</span>
    </span>
  )
}

interface HistoryRow {
  runId: string
  status: string
  trigger: string
  startedAt: string
  seconds: number | null
  from: string
  inputDir: string
  files: string
  dialect: string
  rejected: number
}

function exportRow(run: RunRecord): HistoryRow {
  const ms = durationMs(run.startedAt, run.finishedAt)
  return {
    runId: run.runId,
    status: run.status,
    trigger: triggerText(run),
    startedAt: run.startedAt,
    seconds: ms === null ? null : ms / 1000,
    from: run.from,
    inputDir: run.inputDir ?? '',
    files: inputFiles(run).join(' '),
    dialect: dialectText(run),
    rejected: rejectsCount(run),
  }
}

/** Headed as the table's columns are (a spreadsheet reads the same words as the page). */
const EXPORT_COLUMNS = [
  { key: 'runId', label: 'Run' },
  { key: 'status', label: 'Status' },
  { key: 'trigger', label: 'Trigger' },
  { key: 'startedAt', label: 'Started' },
  { key: 'seconds', label: 'Duration (s)' },
  { key: 'from', label: 'From layer' },
  { key: 'inputDir', label: 'Input folder' },
  { key: 'files', label: 'Input files' },
  { key: 'dialect', label: 'Dialect' },
  { key: 'rejected', label: 'Rejects' },
] as const

/** Two runs to compare, in the history's order: the older one first (differences read newer − older). */
function comparePair(runs: readonly RunRecord[], picked: readonly string[]): [string, string] | null {
  if (picked.length !== 2) return null
  const [newer, older] = runs.filter((r) => picked.includes(r.runId)).map((r) => r.runId)
  return newer && older ? [older, newer] : null
}

export function RunHistory() {
  const runs = useRuns(50)
  const [picked, setPicked] = useState<string[]>([])
  const toggle = (runId: string) =>
    setPicked((now) => (now.includes(runId) ? now.filter((id) => id !== runId) : [...now, runId].slice(-2)))
  const pair = runs.data ? comparePair(runs.data, picked) : null
  return (
    <section className="panel" aria-labelledby="run-history-title">
      <div className="panel-head">
        <h2 id="run-history-title">Run history</h2>
        <div className="panel-actions">
          <button
            type="button"
            className="button button-small"
            disabled={!pair}
            title={pair ? undefined : 'Tick two runs to compare them'}
            onClick={() => {
              if (pair) window.location.hash = runCompareHash(...pair)
            }}
          >
            Compare{picked.length ? ` (${picked.length}/2)` : ''}
          </button>
          <TableExport name="run-history" rows={(runs.data ?? []).map(exportRow)} columns={EXPORT_COLUMNS} />
        </div>
      </div>
      {runs.isPending ? <p className="muted">Loading…</p> : null}
      <ErrorNote error={runs.error} />
      {runs.data && runs.data.length === 0 ? (
        <p className="muted">No runs yet. Run the pipeline to create the first one.</p>
      ) : null}
      {runs.data && runs.data.length > 0 ? (
        <div className="table-wrap">
          <table className="runs run-history">
            <thead>
              <tr>
                <th>
                  <span className="visually-hidden">Compare</span>
                </th>
                <th>Run</th>
                <th>Status</th>
                <th>Trigger</th>
                <th>Started</th>
                <th className="num">Duration</th>
                <th>Input</th>
                <th>Dialect</th>
                <th className="num">Rejects</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((run) => (
                <tr key={run.runId} data-run-id={run.runId}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Compare run ${run.runId}`}
                      checked={picked.includes(run.runId)}
                      onChange={() => toggle(run.runId)}
                    />
                  </td>
                  <td>
                    <a className="run-link" href={runDetailHash(run.runId)}>
                      <code>{run.runId}</code>
                    </a>
                  </td>
                  <td title={run.error}>
                    <StatusBadge status={run.status} />
                  </td>
                  <td>{triggerText(run)}</td>
                  <td className="nowrap">{formatDateTime(run.startedAt)}</td>
                  <td className="num nowrap">{formatDuration(durationMs(run.startedAt, run.finishedAt))}</td>
                  <td>
                    <RunInput run={run} />
                  </td>
                  <td>
                    <DialectList run={run} compact />
                  </td>
                  <td className="num">{formatCount(rejectsCount(run))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}
