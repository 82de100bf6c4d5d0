/**
 * UI benchmark in headless Chromium, on web mode: the time from navigation to the Overview showing its KPI
 * numbers and chart, and to the Customers page showing its tables and charts, at the original's size and
 * at 1M purchases; and the most points any chart on those pages draws. Target: each under 1.5 s.
 * Usage: npm run bench:ui -- [--scales seed,1m] [--runs 5]. Never run by CI.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Page } from 'playwright-core'
import { startApi } from '../src-main/core/api/server.ts'
import { createCore } from '../src-main/core/app-core.ts'
import { summarize } from '../src-main/core/bench/percentiles.ts'
import { launchChromium } from '../tests/helpers/browser.ts'
import { buildApp } from '../tests/helpers/build-app.ts'
import { SOURCE_PATHS } from './source-paths.ts'

const TARGET_MS = 1_500
const { values } = parseArgs({
  options: { scales: { type: 'string', default: 'seed,1m' }, runs: { type: 'string', default: '5' } },
})
const runs = Number(values.runs)

/** What "showing numbers" means on each page: the elements a user reads first, filled with data. */
const READY: Record<string, string[]> = {
  overview: ['[data-testid="kpi-total_ca"]', '[data-testid="monthly-chart"] .recharts-line-curve'],
  customers: [
    '[data-testid="top-opportunities"] tbody tr',
    '[data-testid="segment-chart"] .recharts-bar-rectangle',
    '[data-testid="recency-chart"] .recharts-scatter-symbol',
  ],
}

async function timeToReady(page: Page, url: string, selectors: string[]): Promise<number> {
  const started = performance.now()
  await page.goto(url)
  await Promise.all(selectors.map((s) => page.locator(s).first().waitFor({ timeout: 30_000 })))
  return performance.now() - started
}

/** The largest number of marks (dots, bars, symbols) one chart of the page draws. */
function mostChartPoints(page: Page): Promise<number> {
  return page.evaluate(() => {
    let most = 0
    for (const svg of document.querySelectorAll('svg.recharts-surface')) {
      const marks = svg.querySelectorAll(
        '.recharts-scatter-symbol, .recharts-bar-rectangle, .recharts-dot, .recharts-rectangle',
      ).length
      most = Math.max(most, marks)
    }
    return most
  })
}

/** The renderer's largest JavaScript file: what the first page waits for before it can draw. */
function printLargestChunk(assets: string): void {
  const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'))
  const sizes = scripts
    .map((f) => ({ f, bytes: statSync(join(assets, f)).size }))
    .sort((a, b) => b.bytes - a.bytes)
  const total = sizes.reduce((sum, s) => sum + s.bytes, 0)
  console.log(
    `renderer: ${scripts.length} JavaScript files, ${(total / 1024).toFixed(0)} KiB in all; largest ${sizes[0]?.f} ${((sizes[0]?.bytes ?? 0) / 1024).toFixed(0)} KiB`,
  )
}

const work = mkdtempSync(join(tmpdir(), 'medallion-bench-ui-'))
const out = join(work, 'app')
console.log('building the app…')
await buildApp(out)
printLargestChunk(join(out, 'renderer/assets'))
const browser = await launchChromium()
try {
  for (const scale of (values.scales ?? '').split(',')) {
    const dataDir = join(work, scale)
    const core = createCore({ dataDir, paths: SOURCE_PATHS })
    await core.sources.generate({
      purchases: scale === '1m' ? 1_000_000 : undefined,
      seed: 42,
      dirtyShare: 0,
    }).done
    const run = await core.pipeline.start({ from: 'bronze' }).done
    const api = await startApi({
      handlers: core.handlers,
      store: () => core.serving.store,
      events: core.events,
      port: 0,
      webRoot: join(out, 'renderer'),
    })
    console.log(
      `\n== ${scale}: ${run.kpis?.total_achats ?? 0} purchases, ${run.kpis?.total_clients ?? 0} clients`,
    )
    try {
      for (const [name, selectors] of Object.entries(READY)) {
        const times: number[] = []
        let points = 0
        for (let i = 0; i < runs; i++) {
          // A fresh context each time: no HTTP cache, no query cache, as a user opening the app.
          const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
          const page = await context.newPage()
          // The URL `medallion serve` prints: the first load trades its token for the cookie, as a user's does.
          times.push(await timeToReady(page, `${api.openUrl}#/${name}`, selectors))
          points = Math.max(points, await mostChartPoints(page))
          await context.close()
        }
        const s = summarize(times)
        console.log(
          `${name.padEnd(10)} time to numbers: p50 ${s.p50.toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${runs} loads ${s.p50 < TARGET_MS ? '✔' : '✘'} (target < ${TARGET_MS} ms); most points in one chart: ${points}`,
        )
      }
    } finally {
      await api.close()
      await core.close()
    }
  }
} finally {
  await browser.close()
  rmSync(work, { recursive: true, force: true })
}
