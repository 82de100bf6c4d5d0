/**
 * The pipeline page: start a run (from a chosen layer, or on a folder of files to import), follow its task
 * (progress, step, state, cancel, log), and read the run history.
 */
import { useState } from 'react'
import type { Layer, RunRecord, TaskInfo } from '../../src-preload/contract.ts'
import { useRunPipeline, useRuns, useTasks } from '../api/hooks.ts'
import { ImportFilesButton } from '../components/app/ImportFilesButton.tsx'
import { ErrorNote } from '../components/ErrorNote.tsx'
import { TaskCard } from '../components/tasks/TaskCard.tsx'
import {
  durationMs,
  formatCount,
  formatDateTime,
  formatDuration,
  goldTables,
  rejectsCount,
} from './run-summary.ts'

const FROM_LAYERS: readonly Layer[] = ['bronze', 'silver', 'gold']
const ENGINES = ['polars', 'spark'] as const
type Engine = (typeof ENGINES)[number]

function StateBadge({ state }: { state: TaskInfo['state'] | RunRecord['status'] }) {
  return <span className={`badge badge-${state}`}>{state}</span>
}

function RunControls() {
  const [from, setFrom] = useState<Layer>('bronze')
  const [engine, setEngine] = useState<Engine>('polars')
  const run = useRunPipeline()
  return (
    <section className="panel">
      <h2>Run the pipeline</h2>
      <div className="run-controls">
        <label className="field">
          <span>Start from</span>
          <select value={from} onChange={(e) => setFrom(e.target.value as Layer)} disabled={run.isPending}>
            {FROM_LAYERS.map((layer) => (
              <option key={layer} value={layer}>
                {layer}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Engine</span>
          <select
            value={engine}
            onChange={(e) => setEngine(e.target.value as Engine)}
            disabled={run.isPending}
          >
            {ENGINES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button-primary"
          onClick={() => run.mutate({ from, engine })}
          disabled={run.isPending}
        >
          {run.isPending ? 'Starting…' : 'Run pipeline'}
        </button>
        <ImportFilesButton />
        <p className="hint">
          Layers before <strong>{from}</strong> are reused from the last good run. Import files previews the
          files you choose, then runs the whole pipeline on them.
        </p>
      </div>
      <ErrorNote error={run.error} />
    </section>
  )
}

function TaskList() {
  const tasks = useTasks()
  return (
    <section className="panel">
      <h2>Tasks</h2>
      {tasks.isPending ? <p className="muted">Loading…</p> : null}
      <ErrorNote error={tasks.error} />
      {tasks.data && tasks.data.length === 0 ? <p className="muted">No tasks yet.</p> : null}
      {tasks.data && tasks.data.length > 0 ? (
        <div className="task-list">
          {tasks.data.map((task) => (
            <TaskCard key={task.id} task={task} />
          ))}
        </div>
      ) : null}
    </section>
  )
}

function GoldRows({ run }: { run: RunRecord }) {
  const tables = goldTables(run)
  if (tables.length === 0) return <span className="muted">—</span>
  return (
    <ul className="gold-rows">
      {tables.map(({ table, rows }) => (
        <li key={table}>
          <span className="gold-table">{table}</span> <span className="num">{formatCount(rows)}</span>
        </li>
      ))}
    </ul>
  )
}

function RunHistory() {
  const runs = useRuns(50)
  return (
    <section className="panel">
      <h2>Run history</h2>
      {runs.isPending ? <p className="muted">Loading…</p> : null}
      <ErrorNote error={runs.error} />
      {runs.data && runs.data.length === 0 ? (
        <p className="muted">No runs yet. Run the pipeline to create the first one.</p>
      ) : null}
      {runs.data && runs.data.length > 0 ? (
        <div className="table-wrap">
          <table className="runs">
            <thead>
              <tr>
                <th>Run</th>
                <th>Status</th>
                <th>From</th>
                <th>Started</th>
                <th className="num">Duration</th>
                <th>Gold rows</th>
                <th className="num">Rejects</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((run) => (
                <tr key={run.runId}>
                  <td>
                    <code title={run.runId}>{run.runId.slice(0, 12)}</code>
                  </td>
                  <td title={run.error}>
                    <StateBadge state={run.status} />
                  </td>
                  <td>{run.from}</td>
                  <td>{formatDateTime(run.startedAt)}</td>
                  <td className="num">{formatDuration(durationMs(run.startedAt, run.finishedAt))}</td>
                  <td>
                    <GoldRows run={run} />
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

export function PipelinePage() {
  return (
    <div className="page">
      <div className="page-head">
        <h1>Pipeline</h1>
      </div>
      <RunControls />
      <TaskList />
      <RunHistory />
    </div>
  )
}
