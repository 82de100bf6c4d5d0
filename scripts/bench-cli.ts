/**
 * `npm run bench:cli`: how fast the `medallion` command starts, whole process, as an installed `medallion`
 * runs (node on the package's bin, no npx): `medallion --help`, `medallion runs` and `medallion schedule
 * list` on an empty data folder, against `node -e 0` in the same run (target: at most 5× that). The CLI
 * bundle is built first, so the figures are those of an up-to-date install. Usage: npm run bench:cli -- [--runs N] [--json]
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { percentile } from '../src-main/core/bench/percentiles.ts'
import { ensureCliBundle, REPO_ROOT } from './cli-bundle.mjs'

const TARGET_RATIO = 5
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, json: { type: 'boolean', default: false } },
})
const runs = Number(values.runs)
if (!Number.isInteger(runs) || runs < 3)
  throw new Error(`--runs expects a whole number ≥ 3, got "${values.runs}"`)

await ensureCliBundle()
const dataDir = mkdtempSync(join(tmpdir(), 'medallion-bench-cli-'))
const bin = join(REPO_ROOT, 'bin', 'medallion.mjs')
const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'medallion --help', args: [bin, '--help'] },
  { name: 'medallion runs', args: [bin, 'runs', '--data-dir', dataDir] },
  // Loads the schedules' calls (zod, croner) and nothing of the pipeline.
  { name: 'medallion schedule list', args: [bin, 'schedule', 'list', '--data-dir', dataDir] },
]

function time(args: string[]): number {
  const started = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, {
    stdio: 'ignore',
    env: { ...process.env, MEDALLION_DATA_DIR: '' },
  })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited with ${result.status}`)
  return ms
}

// One warm-up each (the file system cache), then the runs interleaved, so a slower moment hits all alike.
for (const c of cases) time(c.args)
const samples = cases.map(() => [] as number[])
for (let i = 0; i < runs; i++) {
  for (const [at, c] of cases.entries()) samples[at]?.push(time(c.args))
}
rmSync(dataDir, { recursive: true, force: true })

const sorted = samples.map((ms) => [...ms].sort((a, b) => a - b))
const baseline = percentile(sorted[0] ?? [], 50)
const rows = cases.map((c, at) => {
  const ms = sorted[at] ?? []
  const p50 = percentile(ms, 50)
  return { name: c.name, p50Ms: p50, p90Ms: percentile(ms, 90), ratio: p50 / baseline }
})
if (values.json) {
  console.log(JSON.stringify({ runs, targetRatio: TARGET_RATIO, rows }, null, 2))
} else {
  console.log(`medallion start-up, whole process, ${runs} runs each (p50 / p90), against node -e 0`)
  for (const row of rows) {
    const verdict = row.name.startsWith('node') ? 'baseline' : row.ratio <= TARGET_RATIO ? 'met' : 'missed'
    console.log(
      `  ${row.name.padEnd(24)} ${row.p50Ms.toFixed(0).padStart(5)} ms / ${row.p90Ms.toFixed(0).padStart(5)} ms  ${row.ratio.toFixed(1).padStart(4)}×  ${verdict === 'baseline' ? '' : `target ≤ ${TARGET_RATIO}× ${verdict}`}`,
    )
  }
}
