/**
 * The pipeline page: start a run (from a chosen layer, or on files to import: the import page), follow its task
 * (progress, step, state, cancel, log), manage the schedules, and read the run history; a run's detail and two runs compared
 * are views of this page (components/runs/).
 */
import { useState } from 'react'
import type { Layer } from '../../src-preload/contract.ts'
import { useRunPipeline, useTasks } from '../api/hooks.ts'
import { ImportFilesButton } from '../components/app/ImportFilesButton.tsx'
import { ErrorNote } from '../components/ErrorNote.tsx'
import { RunCompare } from '../components/runs/RunCompare.tsx'
import { RunDetail } from '../components/runs/RunDetail.tsx'
import { RunHistory } from '../components/runs/RunHistory.tsx'
import { SavedWatchesPanel } from '../components/schedules/SavedWatchesPanel.tsx'
import { SchedulesPanel } from '../components/schedules/SchedulesPanel.tsx'
import { TaskCard } from '../components/tasks/TaskCard.tsx'
import { useHashSegments } from '../hash-path.ts'
import { pipelineView } from './run-links.ts'

const FROM_LAYERS: readonly Layer[] = ['bronze', 'silver', 'gold']
const ENGINES = ['polars', 'spark'] as const
type Engine = (typeof ENGINES)[number]

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

/** The page at `#/pipeline`; `#/pipeline/runs/<id>` opens one run, `#/pipeline/compare/<a>/<b>` two. */
export function PipelinePage() {
  const route = pipelineView(useHashSegments())
  if (route.view === 'run') return <RunDetail key={route.runId} runId={route.runId} />
  if (route.view === 'compare') return <RunCompare key={`${route.a}/${route.b}`} a={route.a} b={route.b} />
  return (
    <div className="page">
      <div className="page-head">
        <h1>Pipeline</h1>
      </div>
      <RunControls />
      <TaskList />
      <SchedulesPanel />
      <SavedWatchesPanel />
      <RunHistory />
    </div>
  )
}
