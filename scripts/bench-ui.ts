/**
 * UI benchmark in headless Chromium, on web mode: the time from navigation to the Overview showing its KPI
 * numbers and chart, and to the Customers page showing its tables and charts, at the original's size and
 * at 1M purchases; and the most points any chart on those pages draws. Target: each under 1.5 s.
 * Two builds of the same code are measured in the same run, taking turns: the renderer as one script (the
 * baseline, as before the pages were split) and split per page as shipped. Goal: split no slower.
 * Usage: npm run bench:ui -- [--scales seed,1m] [--runs 5] [--timeline]. Never run by CI.
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
  options: {
    scales: { type: 'string', default: 'seed,1m' },
    runs: { type: 'string', default: '5' },
    // Print each build's requests (start–end after navigation, size) for the last load of each page.
    timeline: { type: 'boolean', default: false },
  },
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

/** The renderer's JavaScript files: how many, their total and the largest (what a first page may wait for). */
function printChunks(build: string, assets: string): void {
  const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'))
  const sizes = scripts
    .map((f) => ({ f, bytes: statSync(join(assets, f)).size }))
    .sort((a, b) => b.bytes - a.bytes)
  const total = sizes.reduce((sum, s) => sum + s.bytes, 0)
  console.log(
    `${build.padEnd(13)} renderer: ${scripts.length} JavaScript files, ${(total / 1024).toFixed(0)} KiB in all; largest ${sizes[0]?.f} ${((sizes[0]?.bytes ?? 0) / 1024).toFixed(0)} KiB`,
  )
}

/** Each request of the load as the browser timed it: when it started and ended after navigation, its size. */
function printTimeline(page: Page): Promise<void> {
  return page
    .evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
        name: new URL(r.name).pathname.replace(/^\/rpc\//, 'rpc '),
        start: r.startTime,
        end: r.responseEnd,
        bytes: r.encodedBodySize,
      })),
    )
    .then((entries) => {
      for (const e of entries) {
        console.log(
          `    ${e.start.toFixed(0).padStart(5)}–${e.end.toFixed(0).padStart(5)} ms ${(e.bytes / 1024).toFixed(0).padStart(5)} KiB  ${e.name}`,
        )
      }
    })
}

/** The two builds compared: the renderer as one script (as before the pages were split), and as shipped. */
const BUILDS = [
  { name: 'single bundle', singleBundle: true },
  { name: 'split', singleBundle: false },
] as const

const work = mkdtempSync(join(tmpdir(), 'medallion-bench-ui-'))
console.log('building the app twice (one script; pages split)…')
const webRoots = await Promise.all(
  BUILDS.map(async (build) => {
    const out = join(work, build.singleBundle ? 'app-single' : 'app-split')
    await buildApp(out, { singleBundle: build.singleBundle })
    return join(out, 'renderer')
  }),
)
for (const [i, build] of BUILDS.entries()) printChunks(build.name, join(webRoots[i] as string, 'assets'))
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
    // One server per build over the same core: the builds differ by the renderer only.
    const apis = await Promise.all(
      webRoots.map((webRoot) =>
        startApi({
          handlers: core.handlers,
          store: () => core.serving.store,
          events: core.events,
          port: 0,
          webRoot,
        }),
      ),
    )
    console.log(
      `\n== ${scale}: ${run.kpis?.total_achats ?? 0} purchases, ${run.kpis?.total_clients ?? 0} clients`,
    )
    try {
      for (const [name, selectors] of Object.entries(READY)) {
        const times: number[][] = BUILDS.map(() => [])
        const points: number[] = BUILDS.map(() => 0)
        for (let i = 0; i < runs; i++) {
          // The builds take turns (and turns about who goes first), so a busy moment hits both alike.
          const order = i % 2 === 0 ? [0, 1] : [1, 0]
          for (const b of order) {
            // A fresh context each time: no HTTP cache, no query cache, as a user opening the app.
            const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
            const page = await context.newPage()
            // The URL `medallion serve` prints: the first load trades its token for the cookie, as a user's does.
            const api = apis[b] as (typeof apis)[number]
            times[b]?.push(await timeToReady(page, `${api.openUrl}#/${name}`, selectors))
            points[b] = Math.max(points[b] ?? 0, await mostChartPoints(page))
            if (values.timeline && i === runs - 1) {
              console.log(`  ${name}, ${BUILDS[b]?.name}: requests of the last load`)
              await printTimeline(page)
            }
            await context.close()
          }
        }
        const [single, split] = times.map((t) => summarize(t))
        BUILDS.forEach((build, b) => {
          const t = times[b] ?? []
          const s = summarize(t)
          console.log(
            `${name.padEnd(10)} ${build.name.padEnd(13)} time to numbers: p50 ${s.p50.toFixed(0)} ms, max ${Math.max(...t).toFixed(0)} ms over ${runs} loads ${s.p50 < TARGET_MS ? '✔' : '✘'} (target < ${TARGET_MS} ms); most points in one chart: ${points[b]}`,
          )
        })
        if (single && split) {
          const change = (split.p50 - single.p50) / single.p50
          console.log(
            `${name.padEnd(10)} split vs single bundle: ${change >= 0 ? '+' : ''}${(change * 100).toFixed(0)} % at p50 ${split.p50 <= single.p50 ? '✔' : '✘'} (goal: no slower)`,
          )
        }
      }
    } finally {
      await Promise.all(apis.map((api) => api.close()))
      await core.close()
    }
  }
} finally {
  await browser.close()
  rmSync(work, { recursive: true, force: true })
}
