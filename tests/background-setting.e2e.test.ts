/**
 * Settings → "When the window closes" (issue 17): the window saves "keep running in the background", which
 * applies at the next start (the Pipeline page says who runs the schedules from what was read then); a
 * browser has no such choice, and cannot save it over HTTP (http-policy.test.ts).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, openCheckedPage } from './helpers/browser.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'
import { servedWebApp, signedInUrl } from './helpers/web-app.ts'
import { windowBindings } from './helpers/window-page.ts'

describe.skipIf(!CHROMIUM_AVAILABLE)(
  `keeping Medallion running in the background (${CHROMIUM_AVAILABLE ? 'Chromium' : CHROMIUM_SKIP_REASON})`,
  () => {
    const dataDir = tempDir('medallion-background-')
    const core = testCore(dataDir)
    const web = servedWebApp(core)
    const saved = (): unknown =>
      JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).keepRunningInBackground

    it('in the window: saved when ticked, removed when unticked, each change waiting for the next start', async () => {
      let stopEvents = () => {}
      const { context, page, problems } = await openCheckedPage(web.browser, `${web.api.url}/#/settings`, {
        beforeLoad: async (ctx) => {
          stopEvents = await windowBindings(ctx, core)
        },
      })
      try {
        const section = page.getByTestId('background-running')
        const box = section.getByRole('checkbox', { name: /Keep running in the background/ })
        await box.waitFor({ timeout: 20_000 })
        expect(await box.isChecked()).toBe(false)
        expect(await section.textContent()).toContain('Closing the window quits Medallion')

        await box.check()
        await section.getByTestId('background-restart-note').waitFor()
        expect(saved()).toBe(true)
        expect(await section.textContent()).toContain('leaves Medallion in the tray')

        await box.uncheck()
        await section.getByText('Closing the window quits Medallion', { exact: false }).waitFor()
        expect(await section.getByTestId('background-restart-note').count()).toBe(0)
        expect(saved()).toBeUndefined()
        expect(problems.list).toEqual([])
      } finally {
        stopEvents()
        await context.close()
      }
    })

    it('in a browser: not offered', async () => {
      const { context, page, problems } = await openCheckedPage(
        web.browser,
        signedInUrl(web.api, '/#/settings'),
      )
      try {
        await page.getByTestId('input-roots').waitFor({ timeout: 20_000 })
        expect(await page.getByTestId('background-running').count()).toBe(0)
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    })
  },
)
