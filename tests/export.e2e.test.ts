/**
 * Chart and table exports in headless Chromium, on the web-mode UI over real gold: each export of the
 * Overview's monthly chart is downloaded and checked (PNG signature and 2× size, SVG that parses and
 * carries its title, CSV whose numbers are /monthly's). `files.save` through the contract: the core
 * refuses it (only the window has a dialog), and the input checks hold.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningApi, startApi } from '../src-main/core/api/server.ts'
import type { Core } from '../src-main/core/app-core.ts'
import { dispatch, unwrap } from '../src-main/core/rpc.ts'
import type { BenchHistory } from '../src-preload/contract-bench.ts'
import { BENCH_HISTORY_LABELS } from '../src-renderer/components/export/column-labels.ts'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, launchChromium } from './helpers/browser.ts'
import { buildApp } from './helpers/build-app.ts'
import { REPO_ROOT, tempDir, testCore } from './helpers/temp-data.ts'
import { signedInUrl } from './helpers/web-app.ts'

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts')
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Clicks one format of the monthly chart's Export menu and returns the downloaded file. */
async function exportMonthly(
  page: Page,
  format: 'png' | 'svg' | 'csv',
): Promise<{ name: string; bytes: Buffer }> {
  const menu = page.locator('[data-testid="export-monthly-revenue"]')
  await menu.locator('summary').click()
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 20_000 }),
    menu.locator(`[data-export="${format}"]`).click(),
  ])
  const path = await download.path()
  return { name: download.suggestedFilename(), bytes: readFileSync(path) }
}

/** A page that accepts downloads and collects its errors (a test expects none). */
async function openPage(browser: Browser, url: string) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 1400 } })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.location().url)) problems.push(m.text())
  })
  await page.goto(url)
  return { context, page, problems }
}

/** RFC 4180 without quoted line breaks, enough for a header and rows of months and amounts. */
function parseCsv(text: string): string[][] {
  expect(text.endsWith('\r\n')).toBe(true)
  return text
    .slice(0, -2)
    .split('\r\n')
    .map((line) => line.split(','))
}

describe('files.save through the core', () => {
  const core = testCore(tempDir('medallion-files-'))

  it('is refused by the core, which has no save dialog, with what to do instead', async () => {
    const answer = await dispatch(core.handlers, 'files.save', {
      fileName: 'monthly-revenue-20240101-120000.csv',
      mime: 'text/csv',
      dataBase64: Buffer.from('mois,ca\r\n').toString('base64'),
    })
    expect(answer).toEqual({ error: { code: 'unavailable', message: expect.stringContaining('downloaded') } })
  })

  it('refuses a file name whose extension is not its type, and data that is not base64', async () => {
    const wrongExtension = await dispatch(core.handlers, 'files.save', {
      fileName: 'chart.exe',
      mime: 'image/png',
      dataBase64: '',
    })
    expect(wrongExtension).toMatchObject({ error: { code: 'invalid_input' } })
    expect(JSON.stringify(wrongExtension)).toContain('extension')
    const notBase64 = await dispatch(core.handlers, 'files.save', {
      fileName: 'a.csv',
      mime: 'text/csv',
      dataBase64: '<script>',
    })
    expect(notBase64).toMatchObject({ error: { code: 'invalid_input' } })
  })
})

describe.skipIf(!CHROMIUM_AVAILABLE)('exports in headless Chromium', () => {
  if (!CHROMIUM_AVAILABLE) console.warn(`export.e2e: skipped, ${CHROMIUM_SKIP_REASON}`)
  let buildDir = ''
  let browser: Browser
  let api: RunningApi
  let core: Core
  let runId = ''

  beforeAll(async () => {
    buildDir = await mkdtemp(join(tmpdir(), 'medallion-export-build-'))
    core = testCore(tempDir('medallion-export-data-'))
    const prepareData = async () => {
      await core.sources.generate({ clients: 200 }).done
      runId = (await core.pipeline.start({ from: 'bronze' }).done).runId
    }
    ;[browser] = await Promise.all([launchChromium(), buildApp(buildDir), prepareData()])
    api = await startApi({
      handlers: core.handlers,
      store: core.serving.store,
      events: core.events,
      host: '127.0.0.1',
      port: 0,
      webRoot: join(buildDir, 'renderer'),
    })
  }, 240_000)

  afterAll(async () => {
    await api?.close()
    await browser?.close()
    if (buildDir) rmSync(buildDir, { recursive: true, force: true })
  })

  it('exports the monthly chart as PNG, SVG and CSV, with no error on the page', async () => {
    const monthly = (await (await fetch(`${api.url}/monthly?limit=1000&sort=mois`)).json()) as {
      data: { mois: string; ca: number }[]
    }
    expect(monthly.data.length).toBeGreaterThan(1)

    const { context, page, problems } = await openPage(browser, signedInUrl(api, `/`))
    try {
      await page
        .locator('[data-testid="monthly-chart"] svg .recharts-line-curve')
        .first()
        .waitFor({ timeout: 20_000 })

      const png = await exportMonthly(page, 'png')
      const svg = await exportMonthly(page, 'svg')
      const csv = await exportMonthly(page, 'csv')
      // Named after what, the run shown, and when.
      const fileName = new RegExp(`^monthly-revenue-${runId}-\\d{8}-\\d{6}\\.(png|svg|csv)$`)
      for (const file of [png, svg, csv]) expect(file.name).toMatch(fileName)
      mkdirSync(ARTIFACTS, { recursive: true })
      writeFileSync(join(ARTIFACTS, 'export-monthly.png'), png.bytes)
      writeFileSync(join(ARTIFACTS, 'export-monthly.svg'), svg.bytes)

      // SVG: parsed by the browser's XML parser, titled, with the chart's line; its size is the figure's.
      const svgText = svg.bytes.toString('utf8')
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
        const root = doc.documentElement
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          root: root.localName,
          width: Number(root.getAttribute('width')),
          texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
          lines: doc.querySelectorAll('.recharts-line-curve').length,
          variables: text.includes('var(--'),
        }
      }, svgText)
      expect(parsed.error).toBeNull()
      expect(parsed.root).toBe('svg')
      expect(parsed.texts).toContain(`Revenue per month · run ${runId}`)
      // The series (carrying the tooltip), its full months solid, its partial first and last months dashed.
      expect(parsed.lines).toBe(3)
      expect(parsed.variables).toBe(false)

      // PNG: the signature, then IHDR's width: twice the SVG's.
      expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE)
      expect(png.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR')
      expect(png.bytes.readUInt32BE(16)).toBe(2 * parsed.width)
      expect(png.bytes.length).toBeGreaterThan(2_000)

      // CSV: the header (the labels on screen), then /monthly's months and amounts, exactly.
      const [header, ...rows] = parseCsv(csv.bytes.toString('utf8'))
      expect(header).toEqual(['Month', 'Revenue'])
      expect(rows.map(([mois, ca]) => ({ mois, ca: Number(ca) }))).toEqual(monthly.data)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  }, 120_000)

  it('runs a refresh benchmark from the Benchmarks page and exports its chart as CSV', async () => {
    const { context, page, problems } = await openPage(browser, signedInUrl(api, `/#/benchmarks`))
    try {
      await page.getByLabel('Dashboard refresh (the gold served now)').check()
      await page.locator('[data-testid="bench-start"]').click()
      const chart = page.locator('[data-chart="bench-refresh-panels"]')
      await chart.locator('.recharts-bar-rectangle').first().waitFor({ timeout: 60_000 })
      await page.locator('[data-testid="bench-history"] tbody tr[data-kind="refresh"]').waitFor()
      mkdirSync(ARTIFACTS, { recursive: true })
      await page.screenshot({ path: join(ARTIFACTS, 'benchmarks.png'), fullPage: true })

      const history = unwrap(await dispatch(core.handlers, 'bench.history', {})) as BenchHistory
      const refresh = history.results.find((r) => r.kind === 'refresh')
      if (refresh?.kind !== 'refresh') throw new Error('no refresh result recorded')

      await chart.locator('[data-testid="export-bench-refresh-panels"] summary').click()
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        chart.locator('[data-export="csv"]').click(),
      ])
      const [header, ...rows] = parseCsv(readFileSync(await download.path()).toString('utf8'))
      expect(header?.slice(0, 3)).toEqual(['Panel', 'parquet p50 (ms)', 'api p50 (ms)'])
      const api50 = Object.fromEntries(rows.map((r) => [r[0], Number(r[2])]))
      const recorded = refresh.sources.find((s) => s.source === 'api')?.panels ?? []
      expect(api50).toEqual(Object.fromEntries(recorded.map((p) => [p.panel, p.p50Ms])))

      // The history table's CSV: headed by the labels its columns have on screen, one row per benchmark.
      const table = page.locator('[data-testid="bench-history"]')
      const onScreen = await table.locator('thead th').allTextContents()
      await table.locator('[data-testid="export-bench-history"] summary').click()
      const [historyCsv] = await Promise.all([
        page.waitForEvent('download'),
        table.locator('[data-export="csv"]').click(),
      ])
      const [historyHeader, ...historyRows] = parseCsv(readFileSync(await historyCsv.path()).toString('utf8'))
      expect(historyHeader).toEqual(Object.values(BENCH_HISTORY_LABELS))
      expect(historyHeader?.slice(0, onScreen.length)).toEqual(onScreen)
      expect(historyRows).toHaveLength(history.results.length)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  }, 120_000)
})
