/**
 * Numbers and layout as a new user meets them (issue 15, part "format"), in headless Chromium on the
 * web-mode UI over real gold, locale en-US: partial first and last periods marked and explained, the whole
 * retention heat map in the page with sticky labels, the KPI cards on one row at 1024 px, names in the
 * customers' lists, thousands separators in Models and Benchmarks. Every figure is compared with the API's.
 */
import { readFileSync } from 'node:fs'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Core } from '../src-main/core/app-core.ts'
import { dispatch, unwrap } from '../src-main/core/rpc.ts'
import type { CallInput, CallName, CallOutput } from '../src-preload/contract.ts'
import { PREDICTED_CLIENT_LABELS } from '../src-renderer/components/export/column-labels.ts'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, openCheckedPage } from './helpers/browser.ts'
import { bearer, postJson } from './helpers/http.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'
import { servedWebApp, signedInUrl } from './helpers/web-app.ts'

const WAIT = { timeout: 20_000 }
const DAY_MS = 86_400_000
const en = new Intl.NumberFormat('en-US')

/** Starts a task through the contract and waits for it to end. */
async function runTask(core: Core, name: 'ml.train' | 'bench.run', input: unknown): Promise<void> {
  const { taskId } = unwrap(await dispatch(core.handlers, name, input)) as { taskId: string }
  await new Promise<void>((resolve) => {
    const check = () => {
      if (core.tasks.get(taskId)?.info.state === 'running') return
      core.tasks.off('changed', check)
      resolve()
    }
    core.tasks.on('changed', check)
    check()
  })
  expect(core.tasks.get(taskId)?.info.state, name).toBe('succeeded')
}

const dayNumber = (day: string) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / DAY_MS

/** Hovers the point a line's path starts (or ends) at; the tooltip's text. */
async function tooltipAt(page: Page, chart: Locator, which: 'first' | 'last'): Promise<string> {
  const path = chart.locator('path.recharts-line-curve').first()
  await path.waitFor({ state: 'attached', ...WAIT })
  await chart.scrollIntoViewIfNeeded()
  const d = (await path.getAttribute('d')) ?? ''
  const points = [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])])
  const [x, y] = (which === 'first' ? points[0] : points.at(-1)) ?? [0, 0]
  const box = await chart.locator('svg.recharts-surface').first().boundingBox()
  if (!box) throw new Error('no chart surface')
  await page.mouse.move(box.x + (x as number) + (which === 'first' ? 1 : -1), box.y + (y as number), {
    steps: 4,
  })
  const tooltip = chart.locator('.recharts-tooltip-wrapper')
  await expect.poll(() => tooltip.textContent(), WAIT).not.toBe('')
  return (await tooltip.textContent()) ?? ''
}

describe.skipIf(!CHROMIUM_AVAILABLE)(
  `formats and layout in Chromium (${CHROMIUM_AVAILABLE ? 'en-US' : CHROMIUM_SKIP_REASON})`,
  () => {
    const core = testCore(tempDir('medallion-format-data-'))
    const served = servedWebApp(core, async () => {
      await core.sources.generate({ clients: 400 }).done
      await core.pipeline.start({ from: 'bronze' }).done
      await runTask(core, 'ml.train', { model: 'predictor' })
      await runTask(core, 'bench.run', { kind: 'refresh' })
    })

    async function rpc<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
      const answer = await postJson(served.api.url, `/rpc/${name}`, input, bearer(served.api.token))
      expect(answer.status, `${name}: ${answer.text}`).toBe(200)
      return (answer.json() as { result: CallOutput<N> }).result
    }

    const open = (path: string, viewport = { width: 1440, height: 900 }) =>
      openCheckedPage(served.browser, signedInUrl(served.api, path), { locale: 'en-US', viewport })

    it('marks the partial first and last weeks and months, and says so in the tooltip', async () => {
      const filters = await rpc('data.filters', {})
      const weeks = await rpc('data.sales', { grain: 'week' })
      if (!filters || !weeks) throw new Error('nothing published')
      // The first week runs from its Monday; the data starts on filters.from.
      const firstMonday = weeks.rows[0]?.key as string
      const firstDays = dayNumber(firstMonday) + 7 - dayNumber(filters.from)
      const lastMonday = weeks.rows.at(-1)?.key as string
      const lastDays = dayNumber(filters.to) - dayNumber(lastMonday) + 1
      const expected = [
        ...(firstDays < 7 ? [`${firstMonday}:${firstDays}/7`] : []),
        ...(lastDays < 7 ? [`${lastMonday}:${lastDays}/7`] : []),
      ]
      expect(expected.length, 'the generated data should cut at least one week').toBeGreaterThan(0)

      const { context, page, problems } = await open('/#/sales')
      try {
        const trend = page.locator('[data-testid="sales-trend-chart"]')
        await expect.poll(() => trend.getAttribute('data-grain'), WAIT).toBe('week')
        expect(await trend.getAttribute('data-partial')).toBe(expected.join(' '))
        // Drawn dashed: the dashed series has a path.
        expect(await trend.locator('path.recharts-line-curve[stroke-dasharray="5 4"]').count()).toBe(1)
        const which = firstDays < 7 ? 'first' : 'last'
        const text = await tooltipAt(page, trend, which)
        expect(text).toContain(`partial: ${which === 'first' ? firstDays : lastDays} of 7 days`)
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    })

    it('shows every cohort and month of the heat map in the page, with sticky labels', async () => {
      // A short window, so the page scrolls past the table's top.
      const { context, page, problems } = await open('/#/cohorts', { width: 1440, height: 320 })
      try {
        const heatmap = page.locator('[data-testid="retention-heatmap"]')
        await heatmap.waitFor(WAIT)
        const layout = await page.evaluate(() => {
          const table = document.querySelector('[data-testid="retention-heatmap"]') as HTMLElement
          const wrap = table.parentElement as HTMLElement
          const heads = table.querySelectorAll('thead th')
          const last = heads[heads.length - 1]?.getBoundingClientRect()
          const lastRow = table.querySelector('tbody tr:last-child th')?.getBoundingClientRect()
          return {
            wrapScrolls: wrap.scrollWidth > wrap.clientWidth || wrap.scrollHeight > wrap.clientHeight,
            wrapOverflow: getComputedStyle(wrap).overflowY,
            lastHeadRight: last?.right ?? Number.POSITIVE_INFINITY,
            lastHeadText: heads[heads.length - 1]?.textContent,
            viewport: window.innerWidth,
            pageScrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
            lastRowBottom: lastRow ? lastRow.bottom + window.scrollY : 0,
            documentHeight: document.documentElement.scrollHeight,
          }
        })
        const retention = await rpc('data.table', { route: 'retention', limit: 1 })
        expect(retention?.total).toBeGreaterThan(0)
        expect(layout.wrapScrolls).toBe(false)
        expect(layout.wrapOverflow).toBe('visible')
        expect(layout.pageScrollsSideways).toBe(false)
        expect(layout.lastHeadRight).toBeLessThanOrEqual(layout.viewport)
        expect(layout.lastRowBottom).toBeLessThanOrEqual(layout.documentHeight)
        const offsets = await heatmap.locator('thead th[title^="Month"]').count()
        expect(layout.lastHeadText).toBe(`M${offsets - 1}`)

        // Scrolled past the table's top, the month headers stay at the top of the window.
        await heatmap.evaluate((table) => {
          window.scrollTo(0, table.getBoundingClientRect().top + window.scrollY + 40)
        })
        const tableTop = (await heatmap.boundingBox())?.y ?? 0
        expect(tableTop).toBeLessThan(0)
        const headTop = (await heatmap.locator('thead th').first().boundingBox())?.y ?? -1
        expect(Math.abs(headTop)).toBeLessThan(2)
        for (const label of await heatmap.locator('.heat-row-label').all()) {
          expect(await label.evaluate((el) => getComputedStyle(el).position)).toBe('sticky')
        }
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    })

    it('fits the KPI cards on one row at 1024×700 with the chart above the fold', async () => {
      const { context, page, problems } = await open('/#/', { width: 1024, height: 700 })
      try {
        const cards = page.locator('[data-testid="kpi-grid"] > *')
        await expect.poll(() => cards.count(), WAIT).toBe(5)
        const tops = new Set<number>()
        for (const card of await cards.all()) tops.add(Math.round((await card.boundingBox())?.y ?? -1))
        expect([...tops]).toHaveLength(1)
        const chart = page.locator('[data-testid="monthly-chart"]')
        await chart.waitFor(WAIT)
        expect((await chart.boundingBox())?.y ?? 701).toBeLessThan(700)
        // Values are not cut: each fits its card.
        for (const value of await page.locator('[data-testid="kpi-grid"] .kpi-value').all()) {
          expect(await value.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
        }
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    })

    it("shows each listed client's name and country beside the id", async () => {
      const top = await rpc('data.table', { route: 'scores', sort: 'expected_value_12m:desc', limit: 3 })
      const first = top?.rows[0]
      if (!first) throw new Error('no scores')
      const dim = (await rpc('data.client', { id_client: Number(first.id_client) }))?.dim
      const { context, page, problems } = await open('/#/customers')
      try {
        const row = page.locator(`tr[data-client="${first.id_client}"]`).first()
        const identity = row.locator('[data-testid="client-identity"]')
        await identity.waitFor(WAIT)
        expect(await identity.textContent()).toBe(`${dim?.nom} · ${dim?.pays}`)
        expect(String(dim?.nom ?? '')).not.toBe('')
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    })

    it("names a page's clients with one data.clientNames call, in Customers and in Models (screen and CSV)", async () => {
      const calls: string[] = []
      // Every call the page makes, from its first request on.
      const { context, page, problems } = await openCheckedPage(
        served.browser,
        signedInUrl(served.api, '/#/customers'),
        {
          locale: 'en-US',
          viewport: { width: 1440, height: 900 },
          beforeLoad: async (ctx) => {
            ctx.on('request', (request) => {
              const call = new URL(request.url()).pathname.match(/^\/rpc\/(data\.client\w*)$/)?.[1]
              if (call) calls.push(call)
            })
          },
        },
      )
      try {
        const identities = page.locator('[data-testid="top-opportunities"] [data-testid="client-identity"]')
        await expect.poll(() => identities.count(), WAIT).toBe(20)
        // One batched call per table page, never one per row.
        expect(calls).not.toContain('data.client')
        expect(calls.filter((c) => c === 'data.clientNames').length).toBeGreaterThan(0)
        expect(calls.filter((c) => c === 'data.clientNames').length).toBeLessThanOrEqual(4)
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }

      const runs = await rpc('ml.runs', { limit: 5 })
      const top = runs.runs.find((r) => r.model === 'predictor')?.topClients ?? []
      expect(top.length).toBeGreaterThan(0)
      const names = new Map(
        ((await rpc('data.clientNames', { ids: top.map((c) => c.id_client) })) ?? []).map((n) => [
          n.id_client,
          n,
        ]),
      )
      const models = await open('/#/models')
      try {
        const table = models.page.locator('[data-testid="ml-predictor"] .ml-grid table')
        const first = top[0] as (typeof top)[number]
        const firstName = names.get(first.id_client)
        await expect
          .poll(
            () => table.locator('tbody tr').first().locator('[data-testid="client-identity"]').textContent(),
            WAIT,
          )
          .toBe(`${firstName?.nom} · ${firstName?.pays}`)
        // The CSV: headed by the on-screen labels, every client with their name and country.
        const heads = await table.locator('thead th').allTextContents()
        expect(heads).toEqual([
          PREDICTED_CLIENT_LABELS.id_client,
          PREDICTED_CLIENT_LABELS.prob_purchase,
          PREDICTED_CLIENT_LABELS.expected_spend,
          PREDICTED_CLIENT_LABELS.prob_reachat_12m,
        ])
        const menu = models.page.locator('[data-testid="export-predictor-top-clients"]')
        await menu.locator('summary').click()
        const [download] = await Promise.all([
          models.page.waitForEvent('download', WAIT),
          menu.locator('[data-export="csv"]').click(),
        ])
        const lines = readFileSync(await download.path(), 'utf8')
          .trimEnd()
          .split('\r\n')
        expect(lines[0]).toBe(Object.values(PREDICTED_CLIENT_LABELS).join(','))
        expect(lines).toHaveLength(top.length + 1)
        lines.slice(1).forEach((line, i) => {
          const [id, nom, pays] = line.split(',')
          const name = names.get(Number(id))
          expect(Number(id)).toBe(top[i]?.id_client)
          expect([nom, pays]).toEqual([name?.nom, name?.pays])
        })
        expect(models.problems.list).toEqual([])
      } finally {
        await models.context.close()
      }
    })

    it('reaches every point of the scores scatter from the keyboard, and opens the client with Enter', async () => {
      const scores = await rpc('data.table', { route: 'scores', sort: 'id_client:asc', limit: 5_000 })
      const order = (scores?.rows ?? [])
        .map((r) => ({
          id: Number(r.id_client),
          recency: Number(r.recency_days),
          value: Number(r.expected_value_12m),
        }))
        .sort((a, b) => a.recency - b.recency || b.value - a.value || a.id - b.id)
      expect(order.length).toBeGreaterThan(2)
      const { context, page, problems } = await open('/#/customers')
      try {
        const picker = page.locator('[data-testid="chart-point-picker"]')
        await picker.waitFor(WAIT)
        // Reached with Tab like any control: focus what comes before it, then Tab.
        await page.locator('[data-chart="customers-recency-value"] summary').focus()
        const focused = () => picker.evaluate((el) => el === document.activeElement)
        for (let tabs = 0; tabs < 4 && !(await focused()); tabs++) await page.keyboard.press('Tab')
        expect(await focused()).toBe(true)
        expect(await picker.getAttribute('data-client')).toBe(String(order[0]?.id))
        await page.keyboard.press('ArrowRight')
        expect(await picker.getAttribute('data-client')).toBe(String(order[1]?.id))
        await page.keyboard.press('End')
        const last = order.at(-1)?.id
        expect(await picker.getAttribute('data-client')).toBe(String(last))
        expect(await picker.getAttribute('aria-valuetext')).toContain(`Client #${last}`)
        // The point is ringed on the chart while the control has the focus.
        expect(await page.locator('[data-testid="picked-point"]').count()).toBe(1)
        await page.keyboard.press('Enter')
        const drawer = page.locator('[data-testid="client-drawer"]')
        await drawer.waitFor(WAIT)
        expect(await drawer.getAttribute('data-client')).toBe(String(last))
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    })

    it('writes counts with thousands separators and the MAE in euros in Models and Benchmarks', async () => {
      const runs = await rpc('ml.runs', { limit: 5 })
      const predictor = runs.runs.find((r) => r.model === 'predictor')
      const judged = predictor?.metrics.evaluation_clients as number
      const bench = await rpc('bench.history', { kind: 'refresh', limit: 5 })
      const refresh = bench.results[0]
      if (!refresh || refresh.kind !== 'refresh') throw new Error('no refresh benchmark')
      expect(refresh.datasetSize).toBeGreaterThan(999)

      const models = await open('/#/models')
      try {
        const section = models.page.locator('[data-testid="ml-predictor"]')
        await section.waitFor(WAIT)
        expect(await section.locator('p.hint').first().textContent()).toContain(
          `judged on ${en.format(judged)} clients`,
        )
        const mae = section.locator('tr[data-metric="spend_mae"] td').nth(1)
        expect(await mae.textContent()).toMatch(/^€[\d,]+$/)
        const auc = section.locator('tr[data-metric="roc_auc"] td').nth(1)
        expect(await auc.textContent()).toMatch(/^\d\.\d{3}$/)
        expect(models.problems.list).toEqual([])
      } finally {
        await models.context.close()
      }

      const benchmarks = await open('/#/benchmarks')
      try {
        const history = benchmarks.page.locator('[data-testid="bench-history"]')
        await history.waitFor(WAIT)
        await expect
          .poll(() => history.textContent(), WAIT)
          .toContain(`${en.format(refresh.datasetSize)} purchases`)
        expect(benchmarks.problems.list).toEqual([])
      } finally {
        await benchmarks.context.close()
      }
    })
  },
)
