/**
 * Benchmarks through the contract, on real parts: `bench.run` starts a task (a pipeline run in a child
 * process at the original's size; dashboard refreshes from the lake, the read API and, with FerretDB,
 * MongoDB), the result is recorded in <data>/metrics (and in MongoDB's bench_results when the core serves
 * from it), and `bench.history` returns it with the original's reference series. Figures are printed,
 * never asserted against a time.
 */
import { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../src-main/core/app-core.ts'
import { createCore } from '../src-main/core/app-core.ts'
import { benchSummary } from '../src-main/core/bench/bench-format.ts'
import { BENCH_RESULTS_COLLECTION, benchResultsPath } from '../src-main/core/bench/bench-history.ts'
import { dispatch, unwrap } from '../src-main/core/rpc.ts'
import type { TaskInfo } from '../src-preload/contract.ts'
import type { BenchHistory, BenchResult } from '../src-preload/contract-bench.ts'
import { runCli } from './helpers/cli.ts'
import {
  FERRETDB_AVAILABLE,
  FERRETDB_SKIP_REASON,
  type RunningMongo,
  startFerretDb,
} from './helpers/ferretdb.ts'
import { SOURCE_PATHS, tempDir, testCore } from './helpers/temp-data.ts'

async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  return unwrap(await dispatch(core.handlers, name, input)) as T
}

/** Resolves with the task once it has finished, whatever its outcome. */
function finished(core: Core, id: string): Promise<TaskInfo> {
  return new Promise((resolve) => {
    const check = () => {
      const task = core.tasks.list().find((t) => t.id === id)
      if (task && task.state !== 'running') {
        core.tasks.off('changed', check)
        resolve(task)
      }
    }
    core.tasks.on('changed', check)
    check()
  })
}

/** Resolves once the task reports a step matching `step` (or has finished). */
function stepReached(core: Core, id: string, step: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const check = (task: TaskInfo) => {
      if (task.id !== id || (task.state === 'running' && !step.test(task.step))) return
      core.tasks.off('changed', check)
      resolve()
    }
    core.tasks.on('changed', check)
  })
}

async function runBench(core: Core, input: unknown): Promise<TaskInfo> {
  const { taskId } = await call<{ taskId: string }>(core, 'bench.run', input)
  return finished(core, taskId)
}

async function publishedCore(core: Core): Promise<Core> {
  await core.sources.generate({}).done
  await core.pipeline.start({ from: 'bronze' }).done
  return core
}

describe('bench.run and bench.history through the contract', () => {
  let core: Core

  beforeAll(async () => {
    core = await publishedCore(testCore(tempDir('medallion-bench-')))
  }, 120_000)

  it('checks its input: scales only for the pipeline, each once, known ones', async () => {
    const cases = [
      { kind: 'refresh', scales: ['seed'] },
      { kind: 'pipeline', scales: ['seed', 'seed'] },
      { kind: 'pipeline', scales: ['2m'] },
      { kind: 'spark' },
    ]
    for (const input of cases) {
      const answer = await dispatch(core.handlers, 'bench.run', input)
      expect(answer, JSON.stringify(input)).toMatchObject({ error: { code: 'invalid_input' } })
    }
  })

  it('records a refresh benchmark from the lake and the API, per panel, that the history returns', async () => {
    const task = await runBench(core, { kind: 'refresh' })
    expect(task.state, task.error).toBe('succeeded')
    const history = await call<BenchHistory>(core, 'bench.history', { kind: 'refresh' })
    const result = history.results[0] as BenchResult
    expect(result.kind).toBe('refresh')
    if (result.kind !== 'refresh') return
    console.log(benchSummary(result))
    expect(result.engine).toBe('polars')
    expect(result.datasetSize).toBe(23_663)
    expect(result.sources.map((s) => s.source)).toEqual(['parquet', 'api'])
    expect(result.skipped.map((s) => s.source)).toEqual(['mongo'])
    for (const source of result.sources) {
      expect(source.panels.map((p) => p.panel)).toEqual([
        'kpis',
        'monthly',
        'by_country',
        'by_product',
        'segments',
        'scores',
        'distribution',
        'cohort',
      ])
      expect(source.total.p99Ms).toBeGreaterThanOrEqual(source.total.p50Ms)
      expect(source.samples).toBeGreaterThan(0)
    }
    // The original's figures come with it: 9 refreshes per source, 23,663 purchases.
    expect(history.reference.refresh.map((r) => [r.source, r.runs, r.datasetSize])).toEqual([
      ['parquet', 9, 23_663],
      ['api', 9, 23_663],
    ])
    expect(history.reference.pipeline.map((p) => p.engine)).toEqual(['pandas', 'spark'])
  }, 120_000)

  it('records a pipeline benchmark at the seed scale, run in a child process', async () => {
    const task = await runBench(core, { kind: 'pipeline', scales: ['seed'] })
    expect(task.state, task.error).toBe('succeeded')
    const history = await call<BenchHistory>(core, 'bench.history', {})
    const result = history.results.find((r) => r.kind === 'pipeline')
    expect(result?.kind).toBe('pipeline')
    if (result?.kind !== 'pipeline') return
    console.log(benchSummary(result))
    const [seed] = result.scales
    expect(result.scales).toHaveLength(1)
    expect(seed).toMatchObject({ scale: 'seed', purchases: 23_663 })
    for (const layer of ['bronze', 'silver', 'gold'] as const) expect(seed?.layers[layer]).toBeGreaterThan(0)
    expect(seed?.peakRssMb).toBeGreaterThan(0)
    expect(seed?.rowsPerS).toBeGreaterThan(0)
    // Both results are in the data folder's history file, newest first in the history.
    expect(history.results.map((r) => r.kind)).toEqual(['pipeline', 'refresh'])
    expect(benchResultsPath(core.options.dataDir)).toMatch(/metrics\/bench-results\.jsonl$/)
  }, 180_000)

  it('runs one benchmark at a time, and a cancel kills the run and records nothing', async () => {
    const before = (await call<BenchHistory>(core, 'bench.history', {})).results.length
    const { taskId } = await call<{ taskId: string }>(core, 'bench.run', {
      kind: 'pipeline',
      scales: ['100k'],
    })
    const second = await dispatch(core.handlers, 'bench.run', { kind: 'refresh' })
    expect(second).toMatchObject({ error: { code: 'busy' } })
    // Cancelled once the child process reports its pipeline run: the task ends only when the child has exited.
    await stepReached(core, taskId, /100k: (bronze|silver|gold)/)
    expect(await call(core, 'tasks.cancel', { id: taskId })).toEqual({ cancelled: true })
    const task = await finished(core, taskId)
    expect(task.state).toBe('cancelled')
    expect((await call<BenchHistory>(core, 'bench.history', {})).results).toHaveLength(before)
  }, 60_000)

  it('says to run the pipeline first when nothing is published', async () => {
    const empty = testCore(tempDir('medallion-bench-empty-'))
    const task = await runBench(empty, { kind: 'refresh' })
    expect(task.state).toBe('failed')
    expect(task.error).toContain('medallion run')
  })

  it('runs from the command line: medallion bench --kind refresh', async () => {
    const result = await runCli(['bench', '--kind', 'refresh', '--data-dir', core.options.dataDir, '--json'])
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: 'refresh', datasetSize: 23_663 })
    const wrong = await runCli([
      'bench',
      '--kind',
      'refresh',
      '--scales',
      'seed',
      '--data-dir',
      core.options.dataDir,
    ])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('scales apply to the pipeline benchmark')
  }, 60_000)
})

describe.skipIf(!FERRETDB_AVAILABLE)('with the core serving from MongoDB (FerretDB)', () => {
  if (!FERRETDB_AVAILABLE) console.warn(`bench: MongoDB cases skipped, ${FERRETDB_SKIP_REASON}`)
  let mongo: RunningMongo
  let core: Core

  beforeAll(async () => {
    mongo = await startFerretDb()
    core = createCore({
      dataDir: tempDir('medallion-bench-mongo-'),
      paths: SOURCE_PATHS,
      mongo: { url: mongo.url, db: 'bench_serving' },
    })
    await publishedCore(core)
    await core.publish().done
  }, 180_000)

  afterAll(async () => {
    await core?.close()
    await mongo?.stop()
  })

  it('compares Parquet, MongoDB and the API, and keeps the result in bench_results too', async () => {
    const task = await runBench(core, { kind: 'refresh' })
    expect(task.state, task.error).toBe('succeeded')
    const history = await call<BenchHistory>(core, 'bench.history', { kind: 'refresh' })
    const result = history.results[0]
    if (result?.kind !== 'refresh') throw new Error('no refresh result in the history')
    console.log(benchSummary(result))
    expect(result.sources.map((s) => s.source)).toEqual(['parquet', 'mongo', 'api'])
    expect(result.skipped).toEqual([])
    const client = await new MongoClient(mongo.url).connect()
    try {
      const stored = await client
        .db('bench_serving')
        .collection(BENCH_RESULTS_COLLECTION)
        .findOne({ id: result.id })
      expect(stored).toMatchObject({ kind: 'refresh', engine: 'polars', datasetSize: 23_663 })
    } finally {
      await client.close()
    }
  }, 120_000)
})
