/**
 * Accessibility on every page, light and dark, in web mode on real data: axe-core must find no serious or
 * critical violation (WCAG 2 A/AA rules, colour contrast included), and every control is reached by the
 * keyboard with a visible focus. Pages are code-split: a page's chunk is fetched when it is opened.
 */
import { AxeBuilder } from '@axe-core/playwright'
import { describe, expect, it } from 'vitest'
import { MlService } from '../src-main/core/ml/ml-service.ts'
import { NAV_PAGES } from './helpers/app-pages.ts'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, openCheckedPage } from './helpers/browser.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'
import { servedWebApp, signedInUrl } from './helpers/web-app.ts'

/** Each page's hash route and the heading it shows first; `runs/<id>` is filled once the run exists. */
const PAGES: readonly (readonly [string, string | undefined])[] = [
  ...NAV_PAGES,
  ['pipeline/runs/RUN', undefined],
  ['import', undefined],
]

/** What axe reports, one line per node: enough to find and fix it from the test's output. */
function described(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]}`),
  )
}

describe.skipIf(!CHROMIUM_AVAILABLE)(
  `accessibility of every page (${CHROMIUM_AVAILABLE ? 'Chromium' : CHROMIUM_SKIP_REASON})`,
  () => {
    const dataDir = tempDir('medallion-a11y-')
    const core = testCore(dataDir)
    let runId = ''
    const web = servedWebApp(core, async () => {
      await core.sources.generate({ clients: 300, seed: 7, dirtyShare: 0.02 }).done
      runId = (await core.pipeline.start({ from: 'bronze' }).done).runId
      await new MlService(core).train({ model: 'advisor', horizonDays: 90, clusters: 4, seed: 42 }).done
    })

    for (const theme of ['light', 'dark'] as const) {
      it(`has no serious or critical axe violation on any page in the ${theme} theme`, async () => {
        const found: string[] = []
        for (const [route, heading] of PAGES) {
          const path = route.replace('RUN', runId)
          const { context, page } = await openCheckedPage(web.browser, signedInUrl(web.api, `/#/${path}`), {
            colorScheme: theme,
          })
          try {
            if (heading)
              await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 20_000 })
            else await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 20_000 })
            await page.waitForLoadState('networkidle')
            const { violations } = await new AxeBuilder({ page })
              .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
              .analyze()
            const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
            found.push(...described(serious).map((line) => `${path}: ${line}`))
          } finally {
            await context.close()
          }
        }
        expect(found).toEqual([])
      }, 300_000)
    }

    it("fetches a page's chunk only when the page is opened", async () => {
      const { context, page } = await openCheckedPage(web.browser, signedInUrl(web.api, '/#/overview'))
      // The scripts the page has fetched so far, from the browser's own resource timing.
      const scripts = () =>
        page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map((e) => new URL(e.name).pathname)
            .filter((p) => p.endsWith('.js')),
        )
      try {
        await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor({ timeout: 20_000 })
        await page.waitForLoadState('networkidle')
        const first = await scripts()
        expect(
          first.some((s) => /\/HomePage-[\w-]+\.js$/.test(s)),
          first.join(' '),
        ).toBe(true)
        expect(first.filter((s) => /\/CohortsPage-/.test(s))).toEqual([])
        await page.getByRole('link', { name: 'Cohorts' }).click()
        await page.getByRole('heading', { level: 1, name: 'Cohorts' }).waitFor({ timeout: 20_000 })
        expect((await scripts()).filter((s) => /\/CohortsPage-[\w-]+\.js$/.test(s))).toHaveLength(1)
      } finally {
        await context.close()
      }
    }, 60_000)

    it('reaches the top bar and the controls of a page with the keyboard, each with a visible focus', async () => {
      const { context, page } = await openCheckedPage(web.browser, signedInUrl(web.api, '/#/customers'))
      try {
        await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor({ timeout: 20_000 })
        await page.waitForLoadState('networkidle')
        const reached: string[] = []
        for (let i = 0; i < 40; i++) {
          await page.keyboard.press('Tab')
          const focus = await page.evaluate(() => {
            const el = document.activeElement as HTMLElement | null
            if (!el || el === document.body) return null
            const style = getComputedStyle(el)
            return {
              name: el.textContent?.trim() ?? '',
              visible: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
            }
          })
          if (!focus) continue
          expect(focus.visible, `focus ring on "${focus.name}"`).toBe(true)
          reached.push(focus.name)
        }
        for (const label of ['Overview', 'Sales', 'Customers', 'Cohorts', 'Pipeline', 'Settings']) {
          expect(reached).toContain(label)
        }
        // Past the top bar: the page's own controls (buttons, table links) were reached too.
        expect(reached.length).toBeGreaterThan(20)
      } finally {
        await context.close()
      }
    }, 120_000)
  },
)
