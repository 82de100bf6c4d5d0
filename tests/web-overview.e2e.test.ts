import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningApi, startApi } from '../src-main/core/api/server.ts'
import { type Core, createCore } from '../src-main/core/app-core.ts'
import type { ServedKpis } from '../src-preload/contract.ts'
import {
  CHROMIUM_AVAILABLE,
  CHROMIUM_SKIP_REASON,
  launchChromium,
  openCheckedPage,
} from './helpers/browser.ts'
import { buildApp } from './helpers/build-app.ts'
import { freePort } from './helpers/ferretdb.ts'
import { REPO_ROOT, SOURCE_PATHS, tempDir, testCore } from './helpers/temp-data.ts'
import { signedInUrl } from './helpers/web-app.ts'

const ARTIFACTS = resolve(REPO_ROOT, 'test-artifacts')
const KPI_KEYS = ['total_ca', 'total_achats', 'total_clients', 'panier_moyen', 'expected_total'] as const
// The Overview in French shows money like the original ("6 008 545 €"); the test formats the same way.
const LOCALE = 'fr-FR'
const money = new Intl.NumberFormat(LOCALE, {
  style: 'currency',
  currency: 'EUR',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
})
const count = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 })
const MONEY_KPIS: ReadonlySet<string> = new Set(['total_ca', 'panier_moyen', 'expected_total'])

/** Every kind of space ICU puts between digit groups and before "€", as one plain space. */
const normalizeSpaces = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim()

/** Builds the app and returns the renderer folder. */
async function buildRenderer(outDir: string): Promise<string> {
  await buildApp(outDir)
  return join(outDir, 'renderer')
}

async function serve(core: Core, webRoot: string): Promise<RunningApi> {
  return startApi({
    handlers: core.handlers,
    store: core.serving.store,
    events: core.events,
    host: '127.0.0.1',
    port: 0,
    webRoot,
  })
}

function openPage(browser: Browser, url: string, expected: RegExp[] = []) {
  return openCheckedPage(browser, url, { locale: LOCALE, expected })
}

async function kpisFromApi(api: RunningApi): Promise<ServedKpis> {
  const response = await fetch(`${api.url}/kpis`)
  expect(response.status).toBe(200)
  return (await response.json()) as ServedKpis
}

describe.skipIf(!CHROMIUM_AVAILABLE)('web mode in headless Chromium', () => {
  if (!CHROMIUM_AVAILABLE) console.warn(`web-overview.e2e: skipped, ${CHROMIUM_SKIP_REASON}`)
  let buildDir = ''
  let webRoot = ''
  let browser: Browser

  beforeAll(async () => {
    buildDir = mkdtempSync(join(tmpdir(), 'medallion-web-build-'))
    ;[webRoot, browser] = await Promise.all([buildRenderer(buildDir), launchChromium()])
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    if (buildDir) rmSync(buildDir, { recursive: true, force: true })
  })

  describe('on generated data, after a pipeline run', () => {
    let api: RunningApi

    beforeAll(async () => {
      const core = testCore(tempDir('medallion-web-data-'))
      await core.sources.generate({ clients: 300 }).done
      await core.pipeline.start({ from: 'bronze' }).done
      api = await serve(core, webRoot)
    }, 180_000)

    afterAll(async () => {
      await api?.close()
    })

    it('shows the KPIs /kpis serves and the monthly revenue chart, with no error', async () => {
      const served = await kpisFromApi(api)
      const monthlyResponse = await fetch(`${api.url}/monthly?limit=1000`)
      expect(monthlyResponse.status).toBe(200)
      const monthly = (await monthlyResponse.json()) as { data: unknown[]; meta: { total: number } }
      expect(monthly.data.length).toBeGreaterThan(1)
      expect(monthly.data.length).toBe(monthly.meta.total)

      const { context, page, problems } = await openPage(browser, signedInUrl(api, `/`))
      try {
        await page.locator('[data-testid="kpi-total_ca"]').waitFor({ timeout: 20_000 })
        for (const key of KPI_KEYS) {
          const card = page.locator(`[data-testid="kpi-${key}"]`)
          expect(Number(await card.getAttribute('data-value')), key).toBe(served[key])
          const expected = MONEY_KPIS.has(key) ? money.format(served[key]) : count.format(served[key])
          const shown = (await card.locator('.kpi-value').textContent()) ?? ''
          expect(normalizeSpaces(shown), key).toBe(normalizeSpaces(expected))
        }
        // Thousands are grouped ("2 164 311 €"), not run together.
        const revenue = (await page.locator('[data-testid="kpi-total_ca"] .kpi-value').textContent()) ?? ''
        expect(revenue).toMatch(/^\d{1,3}(?:[\s\u00a0\u202f]\d{3})+[\s\u00a0\u202f]€$/)
        expect(await page.locator('[data-testid="serving-banner"]').count()).toBe(0)
        await expect(page.locator('[data-testid="store-status"]').getAttribute('data-store')).resolves.toBe(
          'parquet',
        )

        // The chart: an svg with the line's path (the first: every month; then the solid and dashed parts
        // that draw whole and partial months), and a marker per month.
        const chart = page.locator('[data-testid="monthly-chart"]')
        const line = chart.locator('svg .recharts-line-curve').first()
        await line.waitFor({ timeout: 10_000 })
        expect(await chart.getAttribute('data-points')).toBe(String(monthly.data.length))
        const path = (await line.getAttribute('d')) ?? ''
        expect(path).toMatch(/^M[\d.,\s-]+L/)
        expect(await chart.locator('svg .recharts-line-dots circle').count()).toBe(monthly.data.length)
        await expect(page.getByRole('heading', { name: 'Revenue per month' }).count()).resolves.toBe(1)

        mkdirSync(ARTIFACTS, { recursive: true })
        await page.screenshot({ path: join(ARTIFACTS, 'overview.png'), fullPage: true })

        // The Pipeline page is one click away and lists the run.
        await page.getByRole('link', { name: 'Pipeline' }).click()
        await page.getByRole('heading', { name: 'Run history' }).waitFor()
        await page.locator('table.runs tbody tr').first().waitFor({ timeout: 10_000 })
        expect(page.url()).toMatch(/#\/pipeline$/)
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    })
  })

  describe('on a data folder with no run', () => {
    let api: RunningApi
    let core: Core

    beforeAll(async () => {
      core = testCore(tempDir('medallion-web-empty-'))
      api = await serve(core, webRoot)
    })

    afterAll(async () => {
      await api?.close()
    })

    it('welcomes a first launch instead of empty cards, then shows the KPIs once a run succeeds', async () => {
      expect((await fetch(`${api.url}/kpis`)).status).toBe(503)
      const { context, page, problems } = await openPage(browser, signedInUrl(api, `/`))
      try {
        const welcome = page.locator('[data-testid="first-launch"]')
        await welcome.waitFor({ timeout: 20_000 })
        expect(await page.locator('[data-testid^="kpi-"]').count()).toBe(0)
        expect(await page.locator('[data-testid="serving-banner"]').count()).toBe(0)
        mkdirSync(ARTIFACTS, { recursive: true })
        await page.screenshot({ path: join(ARTIFACTS, 'overview-unpublished.png'), fullPage: true })

        // A run started elsewhere (here by the core, as the CLI would): its task.changed event reaches the
        // page over /events, and the Overview refetches without a reload.
        await core.sources.generate({ clients: 120 }).done
        await core.pipeline.start({ from: 'bronze' }).done
        await page.locator('[data-testid="kpi-total_ca"]').waitFor({ timeout: 20_000 })
        const served = await kpisFromApi(api)
        expect(Number(await page.locator('[data-testid="kpi-total_ca"]').getAttribute('data-value'))).toBe(
          served.total_ca,
        )
        expect(await welcome.count()).toBe(0)
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 120_000)
  })

  describe('with a MongoDB that does not answer', () => {
    let api: RunningApi

    beforeAll(async () => {
      // A real MongoStore pointed at a loopback port nothing listens on: the driver's own refusal.
      const core = createCore({
        dataDir: tempDir('medallion-web-mongo-'),
        paths: SOURCE_PATHS,
        mongo: { url: `mongodb://127.0.0.1:${await freePort()}/`, db: 'gold_serving' },
      })
      api = await serve(core, webRoot)
      return async () => {
        await api.close()
        await core.close()
      }
    })

    it('says MongoDB is not reachable and how to switch to the embedded store', async () => {
      expect((await fetch(`${api.url}/health`)).status).toBe(503)
      // The failed data calls (the KPIs, and the tables the page prefetches with its code) are logged by the
      // browser as failed resources; nothing else may be.
      const { context, page, problems } = await openPage(browser, signedInUrl(api, `/`), [
        /status of 503 .*\/rpc\/data\.(kpis|table)$/,
      ])
      try {
        const banner = page.locator('[data-testid="serving-banner"]')
        await banner.waitFor({ timeout: 20_000 })
        expect(await banner.getAttribute('data-problem')).toBe('unreachable')
        const text = (await banner.textContent()) ?? ''
        expect(text).toContain('MongoDB is not reachable')
        expect(text).toContain('ECONNREFUSED')
        expect(text).toContain('MONGO_URL')
        expect(text).toContain('medallion serve')
        expect(await page.locator('[data-testid="store-status"]').getAttribute('data-ok')).toBe('false')
        expect(await page.locator('[data-testid^="kpi-"]').count()).toBe(0)
        mkdirSync(ARTIFACTS, { recursive: true })
        await page.screenshot({ path: join(ARTIFACTS, 'overview-mongo-down.png'), fullPage: true })
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    })
  })
})
