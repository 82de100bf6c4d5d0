/**
 * Runs a benchmark as a task (progress, log, cancel) and records its result. One benchmark at a time:
 * two would measure each other.
 */
import { randomUUID } from 'node:crypto'
import { BENCH_TASK_KIND, type BenchResult, type BenchRunArgs } from '../../../src-preload/contract-bench.ts'
import type { Core } from '../app-core.ts'
import { MedallionError } from '../errors.ts'
import type { Task } from '../tasks.ts'
import { recordBenchResult } from './bench-history.ts'
import { benchMachine } from './machine.ts'
import { runPipelineBench } from './pipeline-bench.ts'
import { runRefreshBench } from './refresh-bench.ts'

/** Refreshes measured per source: enough for a stable p99 in a few seconds at the original's size. */
export const REFRESH_SAMPLES = 100

async function measure(core: Core, args: BenchRunArgs, task: Task): Promise<BenchResult> {
  const startedAt = new Date().toISOString()
  const engine = args.kind === 'pipeline' ? args.engine : 'polars'
  const base = { id: randomUUID(), engine, startedAt, machine: benchMachine() }
  const progress = (fraction: number, step: string) => task.progress(fraction, step)
  const log = (line: string) => task.log(line)
  if (args.kind === 'pipeline') {
    const scales = await runPipelineBench({
      scales: args.scales ?? ['seed'],
      paths: core.options.paths,
      launchChild: core.options.launchChild,
      engine: args.engine,
      signal: task.signal,
      onProgress: progress,
      onLog: log,
    })
    return { ...base, kind: 'pipeline', finishedAt: new Date().toISOString(), scales }
  }
  const refresh = await runRefreshBench(core, {
    samples: REFRESH_SAMPLES,
    signal: task.signal,
    onProgress: progress,
    onLog: log,
  })
  return { ...base, kind: 'refresh', finishedAt: new Date().toISOString(), ...refresh }
}

export function startBench(core: Core, args: BenchRunArgs): { task: Task; done: Promise<BenchResult> } {
  const running = core.tasks.list().find((t) => t.kind === BENCH_TASK_KIND && t.state === 'running')
  if (running) {
    throw new MedallionError(
      'busy',
      `${running.title} is under way: wait for it or cancel it, then run this one`,
    )
  }
  const title =
    args.kind === 'pipeline'
      ? `Pipeline benchmark (${(args.scales ?? ['seed']).join(', ')})`
      : 'Refresh benchmark'
  return core.tasks.run(BENCH_TASK_KIND, title, async (task) => {
    const result = await measure(core, args, task)
    const notSaved = await recordBenchResult(core, result)
    if (notSaved) task.log(notSaved)
    return result
  })
}
