/**
 * `npm run bench:runs`: how long a run's detail takes to compute at scale — `pipeline.rejects` (Polars,
 * lazy over the run's silver rejects.parquet: counts per reason and file, five examples per reason) and
 * `pipeline.compare` (two runs' gold segment_summary) — with the process's RSS growth, against a baseline:
 * the rejects table read whole (`readParquet`) and grouped eagerly, what a naive reader would do.
 * Not run in CI. Usage: npm run bench:runs -- [--clients N] [--runs N] [--json]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import pl from 'nodejs-polars'
import { createCore } from '../src-main/core/app-core.ts'
import { percentile } from '../src-main/core/bench/percentiles.ts'
import { compareRuns } from '../src-main/core/runs/run-compare.ts'
import { runRejects } from '../src-main/core/runs/run-rejects.ts'
import { withPeakRss } from './peak-rss.ts'
import { SOURCE_PATHS } from './source-paths.ts'

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
})
const clients = Number(values.clients)
const runs = Number(values.runs)
if (!Number.isInteger(clients) || clients < 100) throw new Error(`--clients expects a whole number ≥ 100`)
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs expects a whole number ≥ 1`)

const dataDir = mkdtempSync(join(tmpdir(), 'medallion-bench-runs-'))
const core = createCore({ dataDir, paths: SOURCE_PATHS })
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

async function measure(name: string, work: () => Promise<unknown>) {
  const ms: number[] = []
  const { peakGrowth } = await withPeakRss(async () => {
    for (let i = 0; i < runs; i++) {
      const started = performance.now()
      await work()
      ms.push(performance.now() - started)
    }
  })
  return {
    name,
    firstMs: ms[0] ?? 0,
    medianMs: percentile(
      [...ms].sort((x, y) => x - y),
      50,
    ),
    rssGrowthMb: mb(peakGrowth),
  }
}

try {
  await core.sources.generate({ clients, seed: 1, dirtyShare: 0.05 }).done
  const a = await core.pipeline.start({ from: 'bronze' }).done
  await core.sources.generate({ clients, seed: 2, dirtyShare: 0.05 }).done
  const b = await core.pipeline.start({ from: 'bronze' }).done
  const rejectsPath = join(await core.lake.localLayerDir(b.layers.silver as string), 'rejects.parquet')
  const rejectRows = pl.readParquet(rejectsPath, { columns: ['reason'] }).height
  // Each measured alone, the lazy call first, so the baseline's pages in the OS cache do not help it.
  const results = [
    await measure('pipeline.rejects (lazy)', () => runRejects(core.lake, b.runId, 5)),
    await measure('baseline: rejects read whole', async () =>
      pl.readParquet(rejectsPath).groupBy(['reason', 'source']).len(),
    ),
    await measure('pipeline.compare', () => compareRuns(core.lake, a.runId, b.runId)),
  ]
  const purchases = b.files?.achats?.read ?? 0
  if (values.json) {
    console.log(JSON.stringify({ clients, purchases, rejectRows, runs, results }, null, 2))
  } else {
    console.log(`${clients} clients, ${purchases} purchases, ${rejectRows} rejects; ${runs} calls each`)
    for (const r of results) {
      console.log(
        `${r.name.padEnd(32)} first ${r.firstMs.toFixed(1).padStart(8)} ms  median ${r.medianMs.toFixed(1).padStart(8)} ms  RSS +${r.rssGrowthMb} MB`,
      )
    }
  }
} finally {
  await core.close()
  rmSync(dataDir, { recursive: true, force: true })
}
