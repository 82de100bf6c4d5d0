/**
 * Pipeline benchmark: per scale (the original's 23,663 purchases, 1M, 10M) the seconds per layer, the
 * rows/s and the peak RSS of a full bronze → gold run, each run in a fresh process. Compared in the same
 * run against the original's recorded figures (pandas and Spark, same data size) and our targets.
 * Usage: npm run bench:pipeline -- [--scales seed,1m,10m] [--json]. Never run by CI.
 */
import { execFileSync } from 'node:child_process'
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { generateSources } from '../pipelines/generate/generate.ts'
import type { RunRecord } from '../src-preload/contract.ts'

const ROOT = resolve(import.meta.dirname, '..')
const SEED = resolve(ROOT, '../shared/fixtures/seed')

interface Scale {
  name: string
  purchases?: number
  /** Target for bronze → gold wall time, seconds. */
  targetS: number
  targetRssMb?: number
}

const SCALES: Record<string, Scale> = {
  seed: { name: 'seed', targetS: 0.5 },
  '1m': { name: '1m', purchases: 1_000_000, targetS: 3 },
  '10m': { name: '10m', purchases: 10_000_000, targetS: 40, targetRssMb: 4096 },
}

/** The original's own recorded run on the 23,663-row data set (spec §9, benchmark.json). */
function originalBaseline(): { pandasS: number; sparkS: number } | undefined {
  const file = join(SEED, 'benchmark.json')
  if (!existsSync(file)) return undefined
  const entry = JSON.parse(readFileSync(file, 'utf8'))[0]
  return { pandasS: entry.durations.pandas.total, sparkS: entry.durations.spark.total }
}

async function prepareSources(scale: Scale, dir: string): Promise<{ purchases: number; generateS: number }> {
  const started = performance.now()
  if (!scale.purchases && existsSync(join(SEED, 'achats.csv'))) {
    mkdirSync(dir, { recursive: true })
    for (const f of ['clients.csv', 'achats.csv']) copyFileSync(join(SEED, f), join(dir, f))
    return { purchases: 23_663, generateS: 0 }
  }
  const result = await generateSources({ outDir: dir, purchases: scale.purchases })
  return { purchases: result.purchases, generateS: (performance.now() - started) / 1000 }
}

function layerSeconds(record: RunRecord, layer: string): number {
  return record.steps.filter((s) => s.layer === layer).reduce((sum, s) => sum + s.ms, 0) / 1000
}

const { values } = parseArgs({
  options: { scales: { type: 'string', default: 'seed,1m,10m' }, json: { type: 'boolean', default: false } },
})
const chosen = (values.scales ?? '').split(',').map((s) => {
  const scale = SCALES[s.trim()]
  if (!scale) throw new Error(`unknown scale "${s}" (use ${Object.keys(SCALES).join(', ')})`)
  return scale
})

const results = []
const work = mkdtempSync(join(tmpdir(), 'medallion-bench-'))
try {
  for (const scale of chosen) {
    const sources = join(work, scale.name, 'sources')
    const { purchases, generateS } = await prepareSources(scale, sources)
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'scripts/bench/pipeline-child.ts'),
        join(work, scale.name, 'data'),
        sources,
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    )
    const child = JSON.parse(out.trim().split('\n').pop() ?? '{}')
    const record = child.record as RunRecord
    const wallS = child.wallMs / 1000
    results.push({
      scale: scale.name,
      purchases,
      generateS,
      workerStartS: child.workerStartMs / 1000,
      bronzeS: layerSeconds(record, 'bronze'),
      silverS: layerSeconds(record, 'silver'),
      goldS: layerSeconds(record, 'gold'),
      wallS,
      rowsPerS: purchases / wallS,
      peakRssMb: child.maxRssKb / 1024,
      targetS: scale.targetS,
      targetRssMb: scale.targetRssMb,
    })
    rmSync(join(work, scale.name), { recursive: true, force: true })
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}

const baseline = originalBaseline()
const entry = {
  timestamp: new Date().toISOString(),
  machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  results,
  baseline,
}
mkdirSync(join(ROOT, 'data/metrics'), { recursive: true })
appendFileSync(join(ROOT, 'data/metrics/pipeline-benchmark.jsonl'), `${JSON.stringify(entry)}\n`)

if (values.json) {
  console.log(JSON.stringify(entry, null, 2))
} else {
  const f = (n: number, d = 2) => n.toFixed(d)
  console.log(
    `pipeline benchmark — ${entry.machine.cpus} cores, ${entry.machine.memoryGb} GiB, node ${entry.machine.node}`,
  )
  console.log('scale  purchases   start   bronze  silver  gold    wall(s)  rows/s      peak RSS  target')
  for (const r of results) {
    const ok = r.wallS <= r.targetS && (!r.targetRssMb || r.peakRssMb <= r.targetRssMb)
    console.log(
      `${r.scale.padEnd(6)} ${String(r.purchases).padStart(10)}  ${f(r.workerStartS)}    ${f(r.bronzeS)}    ${f(r.silverS)}    ${f(r.goldS)}    ${f(r.wallS).padStart(6)}   ${Math.round(r.rowsPerS).toLocaleString('en-US').padStart(10)}  ${f(r.peakRssMb, 0).padStart(5)} MB  ${ok ? 'met' : 'MISSED'} (< ${r.targetS} s${r.targetRssMb ? `, < ${r.targetRssMb} MB` : ''})`,
    )
  }
  const seed = results.find((r) => r.scale === 'seed')
  if (baseline && seed) {
    console.log(
      `baseline (original, same 23,663 rows): pandas ${f(baseline.pandasS)} s → ${f(baseline.pandasS / seed.wallS, 1)}× faster; ` +
        `Spark ${f(baseline.sparkS)} s → ${f(baseline.sparkS / seed.wallS, 0)}× faster`,
    )
  }
  console.log(
    'wall = worker start + bronze (read + Parquet write) + silver + gold (incl. writes) + commit; start = until the worker first reports',
  )
}
