/**
 * Polars vs Spark on the same sources: seconds per step of a full bronze → gold run at 1M purchases (by
 * default), each engine through the pipeline service as a user runs it. Spark runs where
 * `medallion run --engine spark` would (SPARK_MASTER_URL, else local[*] with the venv's PySpark); its
 * steps include writing their table (Spark computes a table while writing it), its total includes the
 * JVM's start. Usage: npx tsx scripts/bench-spark.ts [--purchases N] [--clients N] [--json]. Never run by CI.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createCore } from '../src-main/core/app-core.ts'
import type { PipelineEngine } from '../src-main/core/pipeline.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import { SOURCE_PATHS } from './source-paths.ts'

const { values } = parseArgs({
  options: {
    purchases: { type: 'string', default: '1000000' },
    clients: { type: 'string', default: '63000' },
    json: { type: 'boolean', default: false },
  },
})

interface EngineRun {
  engine: PipelineEngine
  wallS: number
  /** Seconds per `layer/table` step, in the order the run reported them. */
  steps: Record<string, number>
}

const dataDir = mkdtempSync(join(tmpdir(), 'medallion-bench-spark-'))
const core = createCore({ dataDir, paths: SOURCE_PATHS })

async function timedRun(engine: PipelineEngine): Promise<EngineRun> {
  const start = performance.now()
  const record: RunRecord = await core.pipeline.start({ from: 'bronze', engine }).done
  const steps: Record<string, number> = {}
  for (const step of record.steps) steps[`${step.layer}/${step.table}`] = step.ms / 1000
  return { engine, wallS: (performance.now() - start) / 1000, steps }
}

function table(runs: EngineRun[], purchases: number): string {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.steps)))]
  const cell = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(2)).padStart(10)
  const rows = names.map((name) => `${name.padEnd(30)}${runs.map((r) => cell(r.steps[name])).join('')}`)
  return [
    `${purchases.toLocaleString('en-US')} purchases — seconds per step`,
    `${'step'.padEnd(30)}${runs.map((r) => r.engine.padStart(10)).join('')}`,
    ...rows,
    `${'total (wall)'.padEnd(30)}${runs.map((r) => cell(r.wallS)).join('')}`,
  ].join('\n')
}

try {
  const generated = await core.sources.generate({
    purchases: Number(values.purchases),
    clients: Number(values.clients),
    seed: 42,
    dirtyShare: 0.01,
  }).done
  const runs = [await timedRun('polars'), await timedRun('spark')]
  console.log(
    values.json
      ? JSON.stringify({ purchases: generated.purchases, runs }, null, 2)
      : table(runs, generated.purchases),
  )
} finally {
  await core.close()
  rmSync(dataDir, { recursive: true, force: true })
}
