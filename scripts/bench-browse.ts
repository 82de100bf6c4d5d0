/**
 * Data browser benchmark (issue 14): on the gold fact table of a generated run at a chosen scale, times
 * the first unsorted page, a page sorted by amount (`montant`, descending), the per-column stats and the
 * whole table exported as CSV in that order, each with the process's RSS growth (peak while it ran, over
 * the RSS before it), through the same
 * BrowseService the server answers GET /lake and data.browse with. Baseline in the same run: a full
 * `pl.readParquet` of the table (what a browser that loads the table would cost), measured last so its
 * memory does not inflate the others. Targets: unsorted first page ≤ 0.5 s, sorted page ≤ 3 s (10m).
 * Usage: npm run bench:browse -- [--scale 1m|10m] [--data-dir DIR (its current run, else one generated there and kept)] [--json]
 * Never run by CI.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import pl from 'nodejs-polars'
import { createCore } from '../src-main/core/app-core.ts'
import { BrowseService } from '../src-main/core/browse/browse-service.ts'
import { withPeakRss } from './peak-rss.ts'
import { SOURCE_PATHS } from './source-paths.ts'

const SCALES: Record<string, number> = { '100k': 100_000, '1m': 1_000_000, '10m': 10_000_000 }
const TARGETS: Record<string, number> = { 'first page, unsorted': 0.5, 'page sorted by montant': 3 }

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1m' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
})
const scale = values.scale ?? '1m'
const purchases = SCALES[scale]
if (!purchases) throw new Error(`--scale expects ${Object.keys(SCALES).join(', ')}, got ${scale}`)

const mb = (bytes: number) => bytes / 1024 / 1024

/** Seconds and peak RSS growth of `work`. */
async function measure(work: () => Promise<unknown>): Promise<{ seconds: number; rssGrowthMb: number }> {
  const start = performance.now()
  const { peakGrowth } = await withPeakRss(work)
  return { seconds: (performance.now() - start) / 1000, rssGrowthMb: mb(peakGrowth) }
}

const owned = values['data-dir'] ? undefined : mkdtempSync(join(tmpdir(), 'medallion-bench-browse-'))
const dataDir = values['data-dir'] ?? (owned as string)
const core = createCore({ dataDir, paths: SOURCE_PATHS })
try {
  // A data folder given without a run gets one (and keeps it for the next time).
  if (owned || !(await core.lake.currentRun())) {
    process.stderr.write(
      `generating ${purchases.toLocaleString('en-US')} purchases and running the pipeline…\n`,
    )
    await core.sources.generate({ purchases }).done
    await core.pipeline.start({ from: 'bronze' }).done
  }
  const run = await core.lake.currentRun()
  if (!run?.layers.gold) throw new Error(`no current run with gold in ${dataDir}`)
  const factPath = join(await core.lake.localLayerDir(run.layers.gold), 'fact_achats.parquet')
  const rows = run.tables['gold/fact_achats'] ?? 0
  const browse = new BrowseService(core, dataDir)
  const source = { layer: 'gold' as const, table: 'fact_achats' }
  const results: { name: string; seconds: number; rssGrowthMb: number; target?: number }[] = []
  const time = async (name: string, work: () => Promise<unknown>) => {
    results.push({ name, ...(await measure(work)), ...(TARGETS[name] ? { target: TARGETS[name] } : {}) })
  }
  await time('first page, unsorted', () => browse.page({ source, offset: 0, limit: 100, filters: [] }))
  await time('page sorted by montant', () =>
    browse.page({ source, offset: 0, limit: 100, filters: [], sort: { column: 'montant', desc: true } }),
  )
  await time('stats (every column)', () => browse.stats({ source, filters: [] }))
  const csv = join(owned ?? tmpdir(), `bench-browse-${process.pid}.csv`)
  await time('CSV export of the whole table by montant', () =>
    browse.exportCsv({ source, filters: [], sort: { column: 'montant', desc: true } }, csv),
  )
  rmSync(csv, { force: true })
  await time('baseline: pl.readParquet of the whole table', async () => pl.readParquet(factPath).height)

  const report = { scale, rows, fileMb: mb(statSync(factPath).size), results }
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  else {
    process.stdout.write(
      `data browser on gold/fact_achats: ${rows.toLocaleString('en-US')} rows, ${report.fileMb.toFixed(1)} MB of Parquet\n`,
    )
    for (const r of results) {
      const verdict =
        r.target === undefined
          ? ''
          : r.seconds <= r.target
            ? `  (target ≤ ${r.target} s: met)`
            : `  (target ≤ ${r.target} s: MISSED)`
      process.stdout.write(
        `  ${r.name.padEnd(46)} ${r.seconds.toFixed(3).padStart(8)} s   RSS +${r.rssGrowthMb.toFixed(0).padStart(5)} MB${verdict}\n`,
      )
    }
  }
} finally {
  await core.close()
  if (owned) rmSync(owned, { recursive: true, force: true })
}
