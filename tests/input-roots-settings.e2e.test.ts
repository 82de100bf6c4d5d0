/**
 * Settings → "Folders a browser may run on": the window adds and removes the folders a run over HTTP may
 * read, and web mode follows at once; a browser sees the list read-only (issue 13).
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createCore } from '../src-main/core/app-core.ts'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, openCheckedPage } from './helpers/browser.ts'
import { bearer, type Json, postJson } from './helpers/http.ts'
import { generatedSources, SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'
import { ARTIFACTS, servedWebApp, signedInUrl } from './helpers/web-app.ts'
import { windowBindings } from './helpers/window-page.ts'

describe.skipIf(!CHROMIUM_AVAILABLE)(
  `the folders a browser may run on (${CHROMIUM_AVAILABLE ? 'Chromium' : CHROMIUM_SKIP_REASON})`,
  () => {
    const dataDir = tempDir('medallion-roots-ui-')
    const exports = tempDir('medallion-roots-exports-')
    const fromEnv = tempDir('medallion-roots-env-')
    const core = createCore({
      dataDir,
      paths: SOURCE_PATHS,
      env: { ...process.env, MEDALLION_INPUT_ROOTS: fromEnv },
    })
    afterAll(() => core.close())
    const web = servedWebApp(core, () => generatedSources(join(exports, 'march')))
    const savedRoots = (): unknown =>
      JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).inputRoots

    /** pipeline.run over HTTP, as a browser or a script with the token asks for it. */
    const runOverHttp = async (inputDir: string): Promise<{ status: number; body: Json }> => {
      const answer = await postJson(web.api.url, '/rpc/pipeline.run', { inputDir }, bearer(web.api.token))
      return { status: answer.status, body: answer.json() }
    }

    it('in the window: a folder added is allowed over HTTP at once, and refused again once removed', async () => {
      expect((await runOverHttp(join(exports, 'march'))).status).toBe(403)
      let stopEvents = () => {}
      const { context, page, problems } = await openCheckedPage(web.browser, `${web.api.url}/#/settings`, {
        beforeLoad: async (ctx) => {
          stopEvents = await windowBindings(ctx, core)
        },
      })
      try {
        const section = page.getByTestId('input-roots')
        await section.getByText('No folder saved.').waitFor()
        expect(await section.textContent()).toContain(fromEnv)
        const input = page.getByTestId('input-root-new')
        const allow = section.getByRole('button', { name: 'Allow this folder' })
        await input.fill('exports/march')
        expect(await section.textContent()).toContain('Type an absolute path')
        expect(await allow.isDisabled()).toBe(true)

        await input.fill(`  ${exports}  `)
        await allow.click()
        await section.getByTestId('input-root').filter({ hasText: exports }).waitFor()
        expect(await input.inputValue()).toBe('')
        expect(savedRoots()).toEqual([exports])
        const allowed = await runOverHttp(join(exports, 'march'))
        expect(allowed.status).toBe(200)
        expect(allowed.body.result.taskId).toEqual(expect.any(String))
        // The run goes through (the generated month succeeds), before the folder is taken away.
        await expect
          .poll(() => core.tasks.get(allowed.body.result.taskId)?.info.state, { timeout: 60_000 })
          .toBe('succeeded')

        await input.fill(exports)
        expect(await section.textContent()).toContain('already in the list')
        mkdirSync(join(ARTIFACTS), { recursive: true })
        await page.screenshot({ path: join(ARTIFACTS, 'settings-input-roots-window.png'), fullPage: true })

        await section.getByTestId('input-root').filter({ hasText: exports }).getByRole('button').click()
        await section.getByText('No folder saved.').waitFor()
        expect(savedRoots()).toBeUndefined()
        expect((await runOverHttp(join(exports, 'march'))).status).toBe(403)
        expect(problems.list).toEqual([])
      } finally {
        stopEvents()
        await context.close()
      }
    })

    it('in a browser: the list is read-only, and says how to change it', async () => {
      const { context, page, problems } = await openCheckedPage(
        web.browser,
        signedInUrl(web.api, '/#/settings'),
      )
      try {
        const section = page.getByTestId('input-roots')
        await section.getByTestId('input-roots-read-only').waitFor()
        expect(await section.getByTestId('input-root-new').count()).toBe(0)
        expect(await section.getByRole('button').count()).toBe(0)
        expect(await section.textContent()).toContain(fromEnv)
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    })
  },
)
