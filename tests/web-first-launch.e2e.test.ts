import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { ServedKpis } from '../src-preload/contract.ts'
import type { AppInfo } from '../src-preload/contract-app.ts'
import {
  CHROMIUM_AVAILABLE,
  CHROMIUM_SKIP_REASON,
  type OpenPageOptions,
  openCheckedPage,
} from './helpers/browser.ts'
import { bearer, postJson } from './helpers/http.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'
import { ARTIFACTS, servedWebApp, signedInUrl } from './helpers/web-app.ts'

const BUTTONS = ['Try it with sample data', 'Import your files…', 'Start the stack'] as const
/** The original's sample: its purchases once the pipeline has cleaned them. */
const SAMPLE_PURCHASES = 23_663

// Intended refusals, which Chromium logs as failed resources: no container engine answers the Stack
// page's calls here.
const NO_ENGINE = /status of 4\d\d .*\/rpc\/stack\./

describe.skipIf(!CHROMIUM_AVAILABLE)(
  `the first launch in a browser (${CHROMIUM_AVAILABLE ? 'Chromium' : CHROMIUM_SKIP_REASON})`,
  () => {
    const dataDir = tempDir('medallion-first-launch-')
    const core = testCore(dataDir)
    const web = servedWebApp(core)

    const open = (path: string, options: OpenPageOptions = {}) =>
      openCheckedPage(web.browser, signedInUrl(web.api, path), options)

    async function appInfo(): Promise<AppInfo> {
      const answer = await postJson(web.api.url, '/rpc/app.info', {}, bearer(web.api.token))
      expect(answer.status).toBe(200)
      return (answer.json() as { result: AppInfo }).result
    }

    async function expectFirstLaunch(page: Page): Promise<void> {
      const screen = page.getByTestId('first-launch')
      await screen.waitFor({ timeout: 20_000 })
      for (const name of BUTTONS) {
        await expect(page.getByRole('button', { name, exact: true }).isEnabled()).resolves.toBe(true)
      }
      expect(await screen.textContent()).toContain(`Your data lives in ${dataDir}`)
    }

    it('opened without the token (the address without ?token=): says to open the URL medallion serve printed', async () => {
      const { context, page, problems } = await openCheckedPage(web.browser, `${web.api.url}/`, {
        // The page's calls and its event stream, refused: what the banner explains.
        expected: [/status of 401 .*\/(rpc\/|events$)/],
      })
      try {
        const banner = page.getByTestId('sign-in-banner')
        await banner.waitFor({ timeout: 20_000 })
        expect(await banner.textContent()).toMatch(/Open the URL that medallion serve printed.*\?token=…/)
        await page.screenshot({ path: join(ARTIFACTS, 'web-sign-in-banner.png') })
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    })

    it('welcomes an empty data folder with three ways to begin and where the data lives', async () => {
      const info = await appInfo()
      expect(info).toMatchObject({ desktop: false, firstLaunch: true, dataDir, dataDirSource: 'default' })
      for (const theme of ['light', 'dark'] as const) {
        for (const viewport of [
          { width: 1280, height: 860 },
          { width: 1024, height: 700 },
        ]) {
          const { context, page, problems } = await open('/', { colorScheme: theme, viewport })
          try {
            await expectFirstLaunch(page)
            // The Overview's own content is not shown behind it; the top bar and the Tasks button are.
            expect(await page.getByRole('heading', { level: 1, name: 'Overview' }).count()).toBe(0)
            expect(await page.getByTestId('serving-banner').count()).toBe(0)
            await page.getByTestId('tasks-button').waitFor()
            await page.waitForLoadState('networkidle')
            const size = viewport.width === 1280 ? '' : `-${viewport.width}`
            await page.screenshot({
              path: join(ARTIFACTS, `first-launch-${theme}${size}.png`),
              fullPage: true,
            })
            expect(problems.list).toEqual([])
          } finally {
            await context.close()
          }
        }
      }
    }, 120_000)

    it('leads to the import page (files to upload in a browser) and to the Stack page', async () => {
      const { context, page, problems } = await open('/', { expected: [NO_ENGINE] })
      try {
        await expectFirstLaunch(page)
        await page.getByRole('button', { name: 'Import your files…' }).click()
        await page.getByRole('heading', { level: 1, name: 'Import files' }).waitFor({ timeout: 10_000 })
        expect(page.url()).toMatch(/#\/import$/)
        // In a browser the files are uploaded: a file picker, not the window's folder dialog.
        await page.getByLabel('Choose clients and achats files').waitFor()
        expect(await page.getByRole('button', { name: 'Choose a folder…' }).count()).toBe(0)
        expect(await page.getByRole('alert').count()).toBe(0)
        await page.screenshot({ path: join(ARTIFACTS, 'first-launch-import.png'), fullPage: true })

        await page.getByRole('link', { name: 'Overview' }).click()
        await expectFirstLaunch(page)
        await page.getByRole('button', { name: 'Start the stack' }).click()
        await page.getByRole('heading', { level: 1, name: 'Stack' }).waitFor({ timeout: 10_000 })
        expect(page.url()).toMatch(/#\/stack$/)
        expect(await page.getByTestId('first-launch').count()).toBe(0)

        // The Pipeline page's "Import files…" opens the same page.
        await page.getByRole('link', { name: 'Pipeline' }).click()
        await page.getByRole('button', { name: 'Import files…' }).click()
        await page.getByLabel('Choose clients and achats files').waitFor()

        // Every other page works as before on the empty folder; the Overview's route welcomes again.
        await page.getByRole('link', { name: 'Overview' }).click()
        await expectFirstLaunch(page)
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 60_000)

    it('runs the sample data from the screen and lands on the Overview with the KPIs /kpis serves', async () => {
      expect((await fetch(`${web.api.url}/kpis`)).status).toBe(503)
      const { context, page, problems } = await open('/')
      try {
        await expectFirstLaunch(page)
        await page.getByRole('button', { name: 'Try it with sample data' }).click()
        // Its progress shows in place, and the buttons wait for it.
        const status = page.getByTestId('first-run')
        await status.waitFor({ timeout: 10_000 })
        await expect(page.getByRole('button', { name: 'Import your files…' }).isDisabled()).resolves.toBe(
          true,
        )
        await page.getByTestId('task-progress').waitFor({ timeout: 10_000 })
        expect(await page.getByRole('progressbar').count()).toBe(1)
        await page.screenshot({ path: join(ARTIFACTS, 'first-launch-running.png'), fullPage: true })

        const achats = page.getByTestId('kpi-total_achats')
        await achats.waitFor({ timeout: 120_000 })
        const response = await fetch(`${web.api.url}/kpis`)
        expect(response.status).toBe(200)
        const served = (await response.json()) as ServedKpis
        expect(served.total_achats).toBe(SAMPLE_PURCHASES)
        expect(Number(await achats.getAttribute('data-value'))).toBe(served.total_achats)
        expect(page.url()).toMatch(/#\/overview$/)
        await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor()
        expect(await page.getByTestId('first-launch').count()).toBe(0)
        expect((await appInfo()).firstLaunch).toBe(false)

        // A run exists now: a reload keeps the Overview.
        await page.reload()
        await page.getByTestId('kpi-total_achats').waitFor({ timeout: 20_000 })
        expect(await page.getByTestId('first-launch').count()).toBe(0)
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 180_000)

    it('shows the data folder read-only in Settings, with how to choose another one', async () => {
      const { context, page, problems } = await open('/#/settings')
      try {
        const section = page.getByTestId('data-folder')
        // The explanation comes with app.info, which says this is not the desktop window.
        await page.getByTestId('data-folder-read-only').waitFor({ timeout: 20_000 })
        expect(await section.getAttribute('data-source')).toBe('default')
        const text = (await section.textContent()) ?? ''
        expect(text).toContain(dataDir)
        expect(text).toContain('read-only')
        expect(text).toContain('medallion serve')
        expect(text).toContain('--data-dir')
        expect(text).toContain('MEDALLION_DATA_DIR')
        for (const name of ['Open folder', 'Move…', 'Use another folder…']) {
          expect(await page.getByRole('button', { name }).count(), name).toBe(0)
        }
        await section.screenshot({ path: join(ARTIFACTS, 'settings-data-folder-browser.png') })
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 60_000)
  },
)
