/** In a browser, a run that failed (here one the core started, as a watch would) shows a banner until dismissed. */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, openCheckedPage } from './helpers/browser.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'
import { ARTIFACTS, servedWebApp, signedInUrl } from './helpers/web-app.ts'

describe.skipIf(!CHROMIUM_AVAILABLE)(
  `the failure banner (${CHROMIUM_AVAILABLE ? 'Chromium' : CHROMIUM_SKIP_REASON})`,
  () => {
    const core = testCore(tempDir('medallion-web-failure-'))
    const served = servedWebApp(core)

    it('shows the failed run and its error, then goes when dismissed', async () => {
      const { context, page, problems } = await openCheckedPage(
        served.browser,
        signedInUrl(served.api, '/#/pipeline'),
      )
      try {
        // The page listens once its event stream is open.
        await page.waitForResponse((response) => new URL(response.url()).pathname === '/events')
        const empty = tempDir('medallion-web-failure-in-')
        await expect(
          core.pipeline.start({ from: 'bronze', inputDir: empty, trigger: 'watch' }).done,
        ).rejects.toMatchObject({ code: 'missing_source' })
        const banner = page.getByTestId('failure-banner')
        await banner.waitFor({ timeout: 20_000 })
        expect(await banner.getAttribute('role')).toBe('alert')
        expect(await banner.locator('h2').textContent()).toMatch(/^Pipeline run failed at /)
        expect(await banner.locator('p').textContent()).toContain(
          `no clients.csv (or clients.parquet) in ${empty}`,
        )
        await page.screenshot({ path: join(ARTIFACTS, 'failure-banner.png') })
        await banner.getByRole('button', { name: 'Dismiss' }).click()
        await banner.waitFor({ state: 'detached' })
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 120_000)
  },
)
