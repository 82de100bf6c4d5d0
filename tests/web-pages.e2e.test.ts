import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NAV_PAGES } from './helpers/app-pages.ts'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, openCheckedPage } from './helpers/browser.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'
import { ARTIFACTS, servedWebApp, signedInUrl } from './helpers/web-app.ts'

describe.skipIf(!CHROMIUM_AVAILABLE)(
  `every page, light and dark (${CHROMIUM_AVAILABLE ? 'Chromium' : CHROMIUM_SKIP_REASON})`,
  () => {
    const dataDir = tempDir('medallion-pages-')
    const core = testCore(dataDir)
    const web = servedWebApp(core, async () => {
      await core.sources.generate({ clients: 300, seed: 7, dirtyShare: 0.02 }).done
      await core.pipeline.start({ from: 'bronze' }).done
    })

    for (const theme of ['light', 'dark'] as const) {
      it(`renders every page in the ${theme} theme with no error`, async () => {
        for (const [id, heading] of NAV_PAGES) {
          const { context, page, problems } = await openCheckedPage(
            web.browser,
            signedInUrl(web.api, `/#/${id}`),
            {
              colorScheme: theme,
              // No engine answers here: the Stack page's status call fails with what to install, as designed.
              expected: id === 'stack' ? [/status of 4\d\d .*\/rpc\/stack\./] : [],
            },
          )
          try {
            await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 20_000 })
            // The content has arrived (or said why not): no loading placeholder is left on the page.
            await page.waitForLoadState('networkidle')
            const background = await page.evaluate(
              () => getComputedStyle(document.documentElement).backgroundColor,
            )
            const [r = 0, g = 0, b = 0] = (background.match(/\d+/g) ?? []).map(Number)
            const light = (r + g + b) / 3 > 128
            expect(light, `${id}: a ${theme} background`).toBe(theme === 'light')
            await page.screenshot({ path: join(ARTIFACTS, `page-${id}-${theme}.png`), fullPage: true })
            expect(problems.list, id).toEqual([])
          } finally {
            await context.close()
          }
        }
      }, 180_000)
    }
  },
)
