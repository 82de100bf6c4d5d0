/**
 * The Sales, Customers and Cohorts pages in headless Chromium, on the web-mode UI over real gold: every
 * figure checked is compared with what the HTTP API serves (`/scores`, `/retention`, ... and `POST /rpc/data.*`),
 * filters, sorting, paging and the client drawer are driven as a user would, and each page is saved as a
 * screenshot in light and dark. On a data folder with no run, each page says how to get gold.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningApi, startApi } from '../src-main/core/api/server.ts'
import type { Core } from '../src-main/core/app-core.ts'
import type { CallInput, CallName, CallOutput } from '../src-preload/contract.ts'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, launchChromium } from './helpers/browser.ts'
import { buildApp } from './helpers/build-app.ts'
import { bearer, getJson, type Json, postJson } from './helpers/http.ts'
import { REPO_ROOT, tempDir, testCore } from './helpers/temp-data.ts'
import { signedInUrl } from './helpers/web-app.ts'

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts')
const LOCALE = 'en-GB'
const WAIT = { timeout: 20_000 }

async function rpc<N extends CallName>(
  api: RunningApi,
  name: N,
  input: CallInput<N>,
): Promise<CallOutput<N>> {
  const answer = await postJson(api.url, `/rpc/${name}`, input, bearer(api.token))
  expect(answer.status, `${name}: ${answer.text}`).toBe(200)
  return (answer.json() as { result: CallOutput<N> }).result
}

/** GET a list route; its rows. */
async function served(api: RunningApi, path: string): Promise<{ data: Json[]; total: number }> {
  const { status, body } = await getJson(api.url, path)
  expect(status, path).toBe(200)
  return { data: body.data, total: body.meta.total }
}

interface OpenPage {
  context: BrowserContext
  page: Page
  /** Errors, uncaught exceptions and failed requests the page reported; a test expects none. */
  problems: string[]
}

async function openPage(browser: Browser, url: string): Promise<OpenPage> {
  const context = await browser.newContext({ locale: LOCALE, viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return
    if (/\/favicon\.ico$/.test(message.location().url)) return
    problems.push(`console.${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('requestfailed', (request) => {
    if (new URL(request.url()).pathname === '/events') return
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`)
  })
  await page.goto(url)
  return { context, page, problems }
}

/** Full-page screenshots in the light and the dark scheme. */
async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${colorScheme}.png`), fullPage: true })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

const numberAttr = async (locator: Locator, name: string) => Number(await locator.getAttribute(name))

/** Waits until an attribute reads `expected` (the page re-queries after each action). */
async function attrBecomes(locator: Locator, name: string, expected: string): Promise<void> {
  await expect
    .poll(() => locator.getAttribute(name), { timeout: WAIT.timeout, message: `${name} of ${locator}` })
    .toBe(expected)
}

describe.skipIf(!CHROMIUM_AVAILABLE)('Sales, Customers and Cohorts in headless Chromium', () => {
  if (!CHROMIUM_AVAILABLE) console.warn(`web-insights.e2e: skipped, ${CHROMIUM_SKIP_REASON}`)
  let buildDir = ''
  let browser: Browser
  let api: RunningApi
  let emptyApi: RunningApi
  let core: Core
  const serve = (from: Core, webRoot: string) =>
    startApi({
      handlers: from.handlers,
      store: from.serving.store,
      events: from.events,
      host: '127.0.0.1',
      port: 0,
      webRoot,
    })

  beforeAll(async () => {
    buildDir = await mkdtemp(join(tmpdir(), 'medallion-insights-build-'))
    core = testCore(tempDir('medallion-insights-data-'))
    const emptyCore = testCore(tempDir('medallion-insights-empty-'))
    const prepareData = async () => {
      await core.sources.generate({ clients: 400 }).done
      await core.pipeline.start({ from: 'bronze' }).done
    }
    ;[browser] = await Promise.all([launchChromium(), buildApp(buildDir), prepareData()])
    const webRoot = join(buildDir, 'renderer')
    ;[api, emptyApi] = await Promise.all([serve(core, webRoot), serve(emptyCore, webRoot)])
  }, 240_000)

  afterAll(async () => {
    await api?.close()
    await emptyApi?.close()
    await browser?.close()
    if (buildDir) rmSync(buildDir, { recursive: true, force: true })
  })

  it('Sales: totals and charts are what data.sales serves, and the filters re-query it', async () => {
    const all = await rpc(api, 'data.sales', { grain: 'country' })
    const weeks = await rpc(api, 'data.sales', { grain: 'week' })
    const days = await rpc(api, 'data.sales', { grain: 'day' })
    const products = await rpc(api, 'data.sales', { grain: 'product' })
    const basket = await rpc(api, 'data.sales', { grain: 'basket' })
    const growth = await served(api, '/monthly_growth?limit=1000')
    const filters = await rpc(api, 'data.filters', {})
    expect(all?.totals.nb_achats).toBeGreaterThan(1000)
    if (!all || !weeks || !days || !products || !basket || !filters) throw new Error('nothing published')

    const { context, page, problems } = await openPage(browser, signedInUrl(api, `/#/sales`))
    try {
      const totals = page.locator('[data-testid="sales-totals"]')
      await totals.waitFor(WAIT)
      const revenue = totals.locator('[data-testid="kpi-total_ca"]')
      expect(await numberAttr(revenue, 'data-value')).toBe(all.totals.ca)
      expect(await numberAttr(totals.locator('[data-testid="kpi-total_achats"]'), 'data-value')).toBe(
        all.totals.nb_achats,
      )
      expect(await numberAttr(totals.locator('[data-testid="kpi-total_clients"]'), 'data-value')).toBe(
        all.totals.clients,
      )
      expect(await page.locator('[data-testid="filter-summary"]').textContent()).toContain('All purchases')

      // Monthly revenue: gold's monthly_growth, a bar per month and the growth line.
      const monthly = page.locator('[data-testid="sales-monthly-chart"]')
      await monthly.locator('.recharts-bar-rectangle').first().waitFor(WAIT)
      expect(await numberAttr(monthly, 'data-points')).toBe(growth.total)
      expect(await monthly.locator('.recharts-bar-rectangle').count()).toBe(growth.total)
      expect(await monthly.locator('.recharts-line-curve').count()).toBe(1)

      // Weekly first, daily one click away; neither draws more than the sampling bound.
      const trend = page.locator('[data-testid="sales-trend-chart"]')
      await attrBecomes(trend, 'data-grain', 'week')
      expect(await numberAttr(trend, 'data-points')).toBe(weeks.rows.length)
      await page.getByRole('button', { name: 'Per day' }).click()
      await attrBecomes(trend, 'data-grain', 'day')
      expect(await numberAttr(trend, 'data-points')).toBe(Math.min(2_000, days.rows.length))
      await page.getByRole('heading', { name: 'Revenue per day' }).waitFor(WAIT)

      // By country and product (largest first, at most 15 bars), basket bins in numeric order.
      const countries = page.locator('[data-testid="sales-country-chart"]')
      await countries.locator('.recharts-bar-rectangle').first().waitFor(WAIT)
      expect(await numberAttr(countries, 'data-points')).toBe(Math.min(15, all.rows.length))
      const countryTicks = await countries
        .locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
        .allTextContents()
      expect(countryTicks).toEqual(all.rows.slice(0, 15).map((row) => row.key))
      expect(await numberAttr(page.locator('[data-testid="sales-product-chart"]'), 'data-points')).toBe(
        Math.min(15, products.rows.length),
      )
      const bins = basket.rows.map((row) => row.bin)
      expect(bins).toEqual([...bins].sort((a, b) => (a ?? 0) - (b ?? 0)))
      const basketChart = page.locator('[data-testid="sales-basket-chart"]')
      expect(await numberAttr(basketChart, 'data-points')).toBe(basket.rows.length)
      expect(await basketChart.locator('.recharts-bar-rectangle').count()).toBe(
        basket.rows.filter((row) => row.nb_achats > 0).length,
      )
      await screenshots(page, 'sales')

      // A country: the totals become data.sales' for it, and the page says filters are active.
      const country = filters.pays[0] as string
      await page.locator('[data-testid="pick-countries"] summary').click()
      await page.getByRole('checkbox', { name: country }).check()
      const oneCountry = await rpc(api, 'data.sales', { grain: 'country', pays: [country] })
      await attrBecomes(revenue, 'data-value', String(oneCountry?.totals.ca))
      const summary = page.locator('[data-testid="filter-summary"]')
      expect(await summary.textContent()).toContain('Filters active')
      expect(await summary.textContent()).toContain(country)
      expect(oneCountry?.totals.ca).toBeLessThan(all.totals.ca)

      // Then a first day halfway through: monthly growth is recomputed on the selection.
      await page.keyboard.press('Escape')
      const fromDay = days.rows[Math.floor(days.rows.length / 2)]?.key as string
      await page.locator('[data-testid="filter-from"]').fill(fromDay)
      const dated = await rpc(api, 'data.sales', { grain: 'month', pays: [country], from: fromDay })
      await attrBecomes(revenue, 'data-value', String(dated?.totals.ca))
      await attrBecomes(monthly, 'data-points', String(dated?.rows.length))
      await screenshots(page, 'sales-filtered')

      // A day without purchase in that country: every panel says so, and what to do.
      const busyDays = new Set(
        (await rpc(api, 'data.sales', { grain: 'day', pays: [country] }))?.rows.map((row) => row.key),
      )
      const quietDay = days.rows.map((row) => row.key).find((day) => !busyDays.has(day))
      // Seeded data: that country has days without a purchase.
      if (!quietDay) throw new Error(`every day has a purchase in ${country}`)
      await page.locator('[data-testid="filter-to"]').fill(quietDay)
      await page.locator('[data-testid="filter-from"]').fill(quietDay)
      await page.getByText('No purchase matches these filters').first().waitFor(WAIT)
      // Monthly, trend, country, product and basket: five panels, each with the note instead of a chart.
      await expect.poll(() => page.locator('[data-state="empty"]').count(), WAIT).toBe(5)
      expect(await revenue.getAttribute('data-value')).toBe('0')

      // Reset: everything again.
      await page.getByRole('button', { name: 'Reset filters' }).click()
      await attrBecomes(revenue, 'data-value', String(all.totals.ca))
      expect(await summary.textContent()).toContain('All purchases')
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  }, 120_000)

  it('Customers: segments, probability, ranked tables with sorting, paging and segments, the client drawer', async () => {
    const top = await served(api, '/scores?limit=1')
    const atRisk = await served(api, '/scores?sort=value_at_risk_12m:desc&limit=1')
    const segments = await served(api, '/segments')
    const scoreTotal = top.total
    expect(scoreTotal).toBeGreaterThan(40)

    const { context, page, problems } = await openPage(browser, signedInUrl(api, `/#/customers`))
    try {
      const opportunities = page.locator('[data-testid="top-opportunities"]')
      const firstRow = opportunities.locator('tbody tr').first()
      await firstRow.waitFor(WAIT)
      // The top opportunity is /scores' first row (expected value, largest first).
      expect(await firstRow.getAttribute('data-client')).toBe(String(top.data[0].id_client))
      expect(await numberAttr(firstRow.locator('[data-field="expected_value_12m"]'), 'data-value')).toBe(
        top.data[0].expected_value_12m,
      )
      expect(await opportunities.locator('tbody tr').count()).toBe(20)
      const risky = page.locator('[data-testid="top-at-risk"] tbody tr').first()
      expect(await risky.getAttribute('data-client')).toBe(String(atRisk.data[0].id_client))
      expect(await numberAttr(risky.locator('[data-field="value_at_risk_12m"]'), 'data-value')).toBe(
        atRisk.data[0].value_at_risk_12m,
      )

      // Charts: a bar per segment, every scored client in the histogram, a dot per sampled client.
      expect(await numberAttr(page.locator('[data-testid="segment-chart"]'), 'data-points')).toBe(
        segments.total,
      )
      expect(await page.locator('[data-testid="segment-table"] tbody tr').count()).toBe(segments.total)
      expect(await numberAttr(page.locator('[data-testid="probability-chart"]'), 'data-clients')).toBe(
        scoreTotal,
      )
      const scatter = page.locator('[data-testid="recency-chart"]')
      await scatter.locator('.recharts-scatter-symbol').first().waitFor(WAIT)
      expect(await numberAttr(scatter, 'data-points')).toBe(scoreTotal)
      expect(await scatter.locator('.recharts-scatter-symbol').count()).toBe(scoreTotal)
      await screenshots(page, 'customers')

      // The at-risk rule is explained on hover and on keyboard focus.
      await page.getByRole('button', { name: 'How at-risk clients are ranked' }).focus()
      await page.getByRole('tooltip', { name: /value at risk/i }).waitFor({ state: 'visible', ...WAIT })

      // Sorting: most recent purchase last → first, then flipped.
      const recency = opportunities.locator('[data-sort-field="recency_days"]')
      await recency.click()
      const byRecency = await served(api, '/scores?sort=recency_days:desc&limit=1')
      await attrBecomes(firstRow, 'data-client', String(byRecency.data[0].id_client))
      await recency.click()
      const byRecencyAsc = await served(api, '/scores?sort=recency_days:asc&limit=21')
      await attrBecomes(firstRow, 'data-client', String(byRecencyAsc.data[0].id_client))
      expect(await opportunities.locator('th[aria-sort="ascending"]').textContent()).toContain(
        'Days since last',
      )

      // Paging: the second page starts at the 21st row.
      await opportunities.getByRole('button', { name: 'Next' }).click()
      await attrBecomes(firstRow, 'data-client', String(byRecencyAsc.data[20].id_client))
      expect(await opportunities.locator('[data-testid="pager-range"]').textContent()).toMatch(/^21–40 of /)

      // A segment: back to the first page, only that segment's clients.
      const segment = String(segments.data[0].segment_label)
      await opportunities.locator('[data-testid="top-opportunities-segment"]').selectOption(segment)
      const inSegment = await served(
        api,
        `/scores?sort=recency_days:asc&segment_label=${encodeURIComponent(segment)}&limit=20`,
      )
      await attrBecomes(firstRow, 'data-client', String(inSegment.data[0].id_client))
      expect(await opportunities.locator('[data-testid="pager-range"]').textContent()).toContain(
        `of ${inSegment.total}`,
      )

      // The drawer: that client's dim, features and scores, as data.client serves them.
      const id = Number(inSegment.data[0].id_client)
      const detail = await rpc(api, 'data.client', { id_client: id })
      await firstRow.getByRole('button', { name: `#${id}` }).click()
      const drawer = page.locator('[data-testid="client-drawer"]')
      await drawer.locator('[data-part="scores"]').waitFor(WAIT)
      expect(await drawer.getAttribute('data-client')).toBe(String(id))
      expect(await drawer.getByRole('heading', { name: `Client #${id}` }).count()).toBe(1)
      expect(await drawer.textContent()).toContain(String(detail?.dim?.email))
      expect(await drawer.textContent()).toContain(segment)
      const field = (part: string, name: string) =>
        drawer.locator(`[data-part="${part}"] [data-field="${name}"]`).getAttribute('data-value')
      expect(Number(await field('scores', 'expected_value_12m'))).toBe(detail?.scores?.expected_value_12m)
      expect(Number(await field('scores', 'prob_reachat_12m'))).toBe(detail?.scores?.prob_reachat_12m)
      expect(Number(await field('features', 'freq_12m'))).toBe(detail?.features?.freq_12m)
      expect(Number(await field('dim', 'total_spend'))).toBe(detail?.dim?.total_spend)
      await screenshots(page, 'customers-client')
      await page.keyboard.press('Escape')
      await drawer.waitFor({ state: 'detached', ...WAIT })

      // A dot of the scatter opens its client too.
      await scatter.locator('.recharts-scatter-symbol').first().click({ force: true })
      await drawer.waitFor(WAIT)
      await drawer.getByRole('button', { name: 'Close' }).click()
      await drawer.waitFor({ state: 'detached', ...WAIT })
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  }, 120_000)

  it('Cohorts: clients and revenue per first-purchase month, and the retention heat map in percent', async () => {
    const cohorts = await served(api, '/cohort?limit=1000')
    const retention = await served(api, '/retention?limit=10000')
    const cohortNames = [...new Set(retention.data.map((row) => row.cohort))]
    expect(cohortNames.length).toBe(cohorts.total)

    const { context, page, problems } = await openPage(browser, signedInUrl(api, `/#/cohorts`))
    try {
      const clients = page.locator('[data-testid="cohort-clients-chart"]')
      await clients.locator('.recharts-bar-rectangle').first().waitFor(WAIT)
      expect(await numberAttr(clients, 'data-points')).toBe(cohorts.total)
      expect(await clients.locator('.recharts-bar-rectangle').count()).toBe(cohorts.total)
      expect(await numberAttr(page.locator('[data-testid="cohort-ca-chart"]'), 'data-points')).toBe(
        cohorts.total,
      )

      const heatmap = page.locator('[data-testid="retention-heatmap"]')
      await heatmap.waitFor(WAIT)
      expect(await heatmap.locator('tbody tr').count()).toBe(cohortNames.length)
      // The first cohort's second month: its share as served, shown in whole points (the header says %).
      const cell = retention.data.find((row) => row.cohort === cohortNames[0] && row.month_offset === 1)
      const shown = heatmap.locator(`tbody tr[data-cohort="${cohortNames[0]}"] td.heat-cell`).nth(1)
      expect(Number(await shown.getAttribute('data-retention'))).toBe(cell.retention)
      const points = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 })
      expect(await shown.textContent()).toBe(points.format(cell.retention * 100))
      expect(await shown.getAttribute('title')).toContain(
        `${cell.active_clients} of ${cell.cohort_size} clients`,
      )
      // Month 0 is the cohort itself: 100 % everywhere.
      const firstMonth = await heatmap.locator('tbody tr td.heat-cell:nth-of-type(2)').allTextContents()
      expect(new Set(firstMonth)).toEqual(new Set([points.format(100)]))
      await screenshots(page, 'cohorts')
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('says how to get gold on each page when nothing is published', async () => {
    for (const name of ['sales', 'customers', 'cohorts']) {
      const { context, page, problems } = await openPage(browser, signedInUrl(emptyApi, `/#/${name}`))
      try {
        const banner = page.locator('[data-testid="serving-banner"]')
        await banner.waitFor(WAIT)
        expect(await banner.getAttribute('data-problem')).toBe('unpublished')
        expect(await banner.textContent()).toContain('medallion run')
        expect(await page.locator('.chart-frame').count()).toBe(0)
        expect(problems).toEqual([])
      } finally {
        await context.close()
      }
    }
  })
})
