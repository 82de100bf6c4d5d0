/**
 * Starts a benchmark: the pipeline at chosen scales (each in a fresh process) or the dashboard refresh of
 * the gold served now, and follows the latest benchmark task (progress, log, cancel).
 */
import { useState } from 'react'
import type { BenchEngine, BenchKind, BenchScale } from '../../../src-preload/contract-bench.ts'
import { BENCH_SCALES, BENCH_TASK_KIND } from '../../../src-preload/values.ts'
import { useRunBench } from '../../api/bench-hooks.ts'
import { useTasks } from '../../api/hooks.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { TaskCard } from '../tasks/TaskCard.tsx'

const SCALE_LABELS: Record<BenchScale, string> = {
  seed: "the original's 23,663 purchases",
  '100k': '100,000 purchases',
  '1m': '1 million purchases (about a minute)',
  '10m': '10 million purchases (minutes; about 4 GB of memory and 1 GB of disk)',
}

export function BenchRunPanel() {
  const [kind, setKind] = useState<BenchKind>('pipeline')
  const [scales, setScales] = useState<BenchScale[]>(['seed'])
  const [engine, setEngine] = useState<BenchEngine>('polars')
  const run = useRunBench()
  const tasks = useTasks()
  const latest = tasks.data?.find((t) => t.kind === BENCH_TASK_KIND)
  const running = latest?.state === 'running'
  const toggle = (scale: BenchScale) =>
    setScales((chosen) =>
      chosen.includes(scale)
        ? chosen.filter((s) => s !== scale)
        : BENCH_SCALES.filter((s) => s === scale || chosen.includes(s)),
    )
  const start = () => run.mutate(kind === 'pipeline' ? { kind, scales, engine } : { kind })
  return (
    <section className="panel" data-testid="bench-run">
      <h2>Run a benchmark</h2>
      <div className="run-controls">
        <fieldset className="bench-kind">
          <legend className="field">Benchmark</legend>
          <label>
            <input
              type="radio"
              name="bench-kind"
              checked={kind === 'pipeline'}
              onChange={() => setKind('pipeline')}
            />{' '}
            Pipeline (bronze → gold)
          </label>
          <label>
            <input
              type="radio"
              name="bench-kind"
              checked={kind === 'refresh'}
              onChange={() => setKind('refresh')}
            />{' '}
            Dashboard refresh (the gold served now)
          </label>
        </fieldset>
        <fieldset className="bench-scales" disabled={kind !== 'pipeline'}>
          <legend className="field">Scales</legend>
          {BENCH_SCALES.map((scale) => (
            <label key={scale} title={SCALE_LABELS[scale]}>
              <input
                type="checkbox"
                checked={scales.includes(scale)}
                onChange={() => toggle(scale)}
                data-scale={scale}
              />{' '}
              {scale}
            </label>
          ))}
        </fieldset>
        <label className="field">
          Engine{' '}
          <select
            value={engine}
            disabled={kind !== 'pipeline'}
            onChange={(e) => setEngine(e.target.value as BenchEngine)}
            data-testid="bench-engine"
          >
            <option value="polars">Polars</option>
            <option value="spark">Spark (PySpark)</option>
          </select>
        </label>
        <button
          type="button"
          className="button button-primary"
          data-testid="bench-start"
          disabled={running || run.isPending || (kind === 'pipeline' && scales.length === 0)}
          onClick={start}
        >
          {running ? 'Benchmark running…' : 'Run benchmark'}
        </button>
      </div>
      <p className="hint bench-hint">
        {kind === 'pipeline'
          ? `Each scale is generated, then run in a fresh process: ${scales.map((s) => SCALE_LABELS[s]).join('; ') || 'choose at least one scale'}.`
          : 'Loads the Overview and Customers panels again and again from the lake, MongoDB (when the app serves from it) and the read API.'}
      </p>
      <ErrorNote error={run.error} />
      {latest ? (
        <div className="bench-task">
          <TaskCard task={latest} />
        </div>
      ) : null}
    </section>
  )
}
