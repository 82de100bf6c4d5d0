/**
 * Pipeline benchmark: per scale (the original's 23,663 purchases, 100k, 1M, 10M) the seconds per layer, the
 * rows/s and the peak RSS of a full bronze → gold run, each run in a fresh process. Compared in the same
 * run against the original's recorded figures (pandas and Spark, same data size) and our targets.
 * Recorded in <data>/metrics/bench-results.jsonl (the app's Benchmarks page shows it).
 * Usage: npm run bench:pipeline -- [--scales seed,100k,1m,10m] [--json]. Never run by CI.
 * With --baseline-rev REV [--rounds 3] [--input DIR]: the whole `medallion run --input` of this tree against
 * the tree at REV, alternated, on the held-out input (scripts/bench-pipeline-baseline.ts), and their gold
 * compared table by table.
 * The work is in src-main/core/bench/ (also `medallion bench` and the app).
 */
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { formatPipelineBench } from '../src-main/core/bench/bench-format.ts'
import { appendBenchResult } from '../src-main/core/bench/bench-history.ts'
import { benchMachine } from '../src-main/core/bench/machine.ts'
import { runPipelineBench } from '../src-main/core/bench/pipeline-bench.ts'
import { benchReference } from '../src-main/core/bench/reference.ts'
import { resolveDataDir } from '../src-main/core/config.ts'
import { BENCH_SCALES, type BenchScale, type PipelineBenchResult } from '../src-preload/contract-bench.ts'
import { runBaselineComparison } from './bench-pipeline-baseline.ts'
import { SOURCE_PATHS } from './source-paths.ts'

const ROOT = resolve(import.meta.dirname, '..')

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: 'seed,1m,10m' },
    json: { type: 'boolean', default: false },
    'baseline-rev': { type: 'string' },
    rounds: { type: 'string', default: '3' },
    input: { type: 'string' },
  },
})
const baselineRev = values['baseline-rev']
if (baselineRev) {
  const rounds = Number(values.rounds)
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error(`--rounds must be a positive integer, got ${values.rounds}`)
  console.log(await runBaselineComparison({ root: ROOT, rev: baselineRev, rounds, input: values.input }))
  process.exit(0)
}
const scales = (values.scales ?? '').split(',').map((s) => {
  const scale = s.trim() as BenchScale
  if (!BENCH_SCALES.includes(scale)) throw new Error(`unknown scale "${s}" (use ${BENCH_SCALES.join(', ')})`)
  return scale
})

const startedAt = new Date().toISOString()
const measured = await runPipelineBench({
  scales,
  paths: SOURCE_PATHS,
  signal: new AbortController().signal,
})
const result: PipelineBenchResult = {
  id: crypto.randomUUID(),
  kind: 'pipeline',
  engine: 'polars',
  startedAt,
  finishedAt: new Date().toISOString(),
  machine: benchMachine(),
  scales: measured,
}
const reference = benchReference()
await appendBenchResult(resolveDataDir(undefined, process.env, join(ROOT, 'data')), result)
console.log(
  values.json
    ? JSON.stringify({ result, reference: reference.pipeline }, null, 2)
    : formatPipelineBench(result, reference),
)
