/**
 * Errors for people in headless Chromium, web mode, a real server (issue 15, part "errors"): Settings shows
 * the port really served; a refused setting is said beside its field, which is marked and focused; one
 * connection bar when the server stops, gone when it comes back on the same port and token, and a restart
 * with a new token says to open the new URL; each page names the tab; the favicon is served; the Tasks
 * drawer says "done" and counts log lines with the right plural.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpHandlers, httpPolicyOf } from '../src-main/core/api/http-policy.ts'
import { type RunningApi, startApi } from '../src-main/core/api/server.ts'
import { createCore } from '../src-main/core/app-core.ts'
import type { TaskInfo } from '../src-preload/contract.ts'
import {
  CHROMIUM_AVAILABLE,
  CHROMIUM_SKIP_REASON,
  launchChromium,
  openCheckedPage,
} from './helpers/browser.ts'
import { buildApp } from './helpers/build-app.ts'
import { bearer, http, postJson } from './helpers/http.ts'
import { REPO_ROOT, SOURCE_PATHS, tempDir, testCore } from './helpers/temp-data.ts'
import { ARTIFACTS, signedInUrl } from './helpers/web-app.ts'

/** What a stopped or restarted server makes Chromium log: refused connections, then the old token's 401s. */
const CONNECTION_LOST = [/ERR_CONNECTION_REFUSED/, /status of 401/, /ERR_EMPTY_RESPONSE/]

describe.skipIf(!CHROMIUM_AVAILABLE)(
  `errors for people in a browser (${CHROMIUM_AVAILABLE ? 'Chromium' : CHROMIUM_SKIP_REASON})`,
  () => {
    const core = testCore(tempDir('medallion-web-errors-'))
    const handlers = httpHandlers(core.handlers, httpPolicyOf(core.options.dataDir, {}))
    let buildDir = ''
    let browser: Browser
    let api: RunningApi

    /** As `medallion serve` does: the server, and the port it really took told to the core. */
    async function serve(port = 0, token?: string): Promise<RunningApi> {
      const running = await startApi({
        handlers,
        store: () => core.serving.store,
        events: core.events,
        port,
        webRoot: join(buildDir, 'renderer'),
        ...(token ? { token } : {}),
      })
      core.servedApi.port = running.port
      return running
    }

    beforeAll(async () => {
      buildDir = mkdtempSync(join(tmpdir(), 'medallion-web-errors-build-'))
      ;[, browser] = await Promise.all([buildApp(buildDir), launchChromium()])
      api = await serve()
      mkdirSync(ARTIFACTS, { recursive: true })
    }, 240_000)

    afterAll(async () => {
      await api?.close()
      await browser?.close()
      if (buildDir) rmSync(buildDir, { recursive: true, force: true })
    })

    const open = (path: string) => openCheckedPage(browser, signedInUrl(api, path))

    it('Settings shows the port this server really listens on, with that source', async () => {
      expect(api.port).not.toBe(5000)
      const { context, page, problems } = await open('/#/settings')
      try {
        const row = page.getByTestId('setting-apiPort')
        await row.waitFor({ timeout: 20_000 })
        expect(await row.getAttribute('data-source')).toBe('this server')
        expect(await row.locator('.setting-value').textContent()).toBe(String(api.port))
        expect(await row.textContent()).toContain('this server (in use now)')
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    })

    it('a refused setting is said beside its field, which is marked invalid and focused', async () => {
      const { context, page, problems } = await openCheckedPage(browser, signedInUrl(api, '/#/settings'), {
        expected: [/status of 400 .*\/rpc\/settings\.set$/],
      })
      try {
        const input = page.locator('#setting-mongoUrl')
        await input.waitFor({ timeout: 20_000 })
        await input.fill('localhost:27017')
        await page.getByRole('button', { name: 'Save 1 change' }).click()
        const row = page.getByTestId('setting-mongoUrl')
        const message = row.getByTestId('field-error')
        await message.waitFor()
        expect(await message.textContent()).toMatch(
          /^MongoDB URL.*: a mongodb:\/\/ or mongodb\+srv:\/\/ URL$/,
        )
        expect(await input.getAttribute('aria-invalid')).toBe('true')
        expect(await input.getAttribute('aria-describedby')).toBe('setting-mongoUrl-error')
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('setting-mongoUrl')
        // Beside the field, in view, and not repeated at the form's end.
        const [field, note] = [await input.boundingBox(), await message.boundingBox()]
        expect(note && field && note.y - (field.y + field.height)).toBeLessThan(120)
        expect(await message.isVisible()).toBe(true)
        expect(await page.locator('.settings-form > .note-error').count()).toBe(0)
        await page.screenshot({ path: join(ARTIFACTS, 'web-settings-field-error.png') })
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    })

    it('each page names the tab, and the favicon is served from the app icon', async () => {
      const favicon = await http(api.url, '/favicon.svg')
      expect(favicon.status).toBe(200)
      expect(favicon.headers['content-type']).toBe('image/svg+xml')
      expect(favicon.text).toContain('<svg')
      const { context, page } = await open('/#/overview')
      try {
        expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('./favicon.svg')
        const links = page.getByRole('navigation', { name: 'Sections' }).getByRole('link')
        await links.first().waitFor({ timeout: 20_000 })
        const labels = await links.allTextContents()
        expect(labels.length).toBeGreaterThan(5)
        for (const label of labels) {
          await links.filter({ hasText: label }).click()
          await expect.poll(() => page.title()).toBe(`${label} — Medallion`)
        }
      } finally {
        await context.close()
      }
    })

    it('the MLflow banner shows commands as code, with no literal backticks', async () => {
      const { context, page } = await open('/#/models')
      try {
        const banner = page.locator('[data-testid="mlflow-status"][data-reachable="false"]')
        await banner.waitFor({ timeout: 20_000 })
        expect(await banner.textContent()).not.toContain('`')
        expect(await banner.locator('code').allTextContents()).toContain('medallion up')
      } finally {
        await context.close()
      }
    })

    it('the Tasks drawer says done after success and counts the log lines with the right plural', async () => {
      await core.sources.generate({ scale: 0.02 }).done
      const answer = await postJson(api.url, '/rpc/tasks.list', {}, bearer(api.token))
      const task = (answer.json() as { result: TaskInfo[] }).result.find((t) => t.kind === 'generate')
      expect(task?.state).toBe('succeeded')
      const { context, page, problems } = await open('/#/pipeline')
      try {
        await page.getByTestId('tasks-button').click()
        const card = page.getByTestId('tasks-drawer').locator(`[data-task-id="${task?.id}"]`)
        await card.waitFor({ timeout: 20_000 })
        expect(await card.locator('.task-step').textContent()).toBe('done')
        const lines = task?.logs.length ?? 0
        expect(lines).toBeGreaterThan(0)
        expect(await card.locator('.task-log summary').textContent()).toBe(
          `Log (${lines} ${lines === 1 ? 'line' : 'lines'})`,
        )
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
      }
    }, 60_000)

    it('Reset with no container engine says so plainly, with how to install one, and offers no delete', async () => {
      const noEngine = createCore({
        dataDir: tempDir('medallion-web-errors-noengine-'),
        paths: { ...SOURCE_PATHS, composeFile: join(REPO_ROOT, 'tests/fixtures/stack/medallion-like.yml') },
        configDir: tempDir('medallion-web-errors-config-'),
        engineSocket: `unix://${join(tmpdir(), `medallion-no-engine-${randomBytes(4).toString('hex')}.sock`)}`,
        env: { TEST_IMAGE: 'busybox', MONGO_PORT: '27017', MINIO_CONSOLE_PORT: '9001' },
      })
      const served = await startApi({
        handlers: noEngine.handlers,
        store: () => noEngine.serving.store,
        events: noEngine.events,
        port: 0,
        webRoot: join(buildDir, 'renderer'),
      })
      const { context, page, problems } = await openCheckedPage(browser, signedInUrl(served, '/#/stack'), {
        expected: [/status of 4\d\d .*\/rpc\/stack\./],
      })
      try {
        await page.getByTestId('no-engine').waitFor({ timeout: 20_000 })
        await page.getByRole('button', { name: 'Reset…' }).click()
        const dialog = page.getByTestId('reset-dialog')
        const note = dialog.getByTestId('error-note')
        await note.waitFor({ timeout: 20_000 })
        expect(await note.locator('.error-sentence').textContent()).toMatch(
          /^No container engine was found\. Install Docker or Podman .*start it/,
        )
        // The engine's own report (every address tried) only behind the disclosure.
        expect(await note.locator('details').getAttribute('open')).toBeNull()
        expect(await note.locator('.error-said').count()).toBe(0)
        expect(await note.locator('.error-code').textContent()).toBe('no_engine')
        expect(await dialog.getByRole('button', { name: /^Delete/ }).count()).toBe(0)
        expect(await dialog.getByRole('checkbox').count()).toBe(0)
        expect(await dialog.locator('.dialog-actions button').allTextContents()).toEqual(['Close'])
        expect(problems.list).toEqual([])
      } finally {
        await context.close()
        await served.close()
        await noEngine.close()
      }
    }, 60_000)

    /** The connection bar(s) and the error notes on the page. */
    const shown = async (page: Page) => ({
      bars: await page.getByTestId('connection-bar').count(),
      alerts: await page.getByRole('alert').count(),
    })

    it('one disconnected bar while the server is down, gone once it is back; a new token says to open the new URL', async () => {
      const { context, page } = await openCheckedPage(browser, signedInUrl(api, '/#/pipeline'), {
        expected: CONNECTION_LOST,
      })
      try {
        await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 20_000 })
        const { port, token } = api
        await api.close()
        const bar = page.getByTestId('connection-bar')
        await bar.waitFor({ timeout: 20_000 })
        // Another page opened meanwhile: its chunk cannot be fetched (pages load when opened), so it waits
        // for the server; still one bar, no panel repeating the error.
        await page.getByRole('link', { name: 'Models', exact: true }).click()
        await page.getByText('Waiting for the server to load this page…').waitFor({ timeout: 20_000 })
        expect(await shown(page)).toEqual({ bars: 1, alerts: 0 })
        expect(await bar.textContent()).toMatch(/Disconnected from the Medallion server\..*medallion serve/)
        await page.screenshot({ path: join(ARTIFACTS, 'web-disconnected-bar.png') })

        api = await serve(port, token)
        await bar.waitFor({ state: 'detached', timeout: 30_000 })
        // Back: the page asked again and shows what it could not get.
        await page.getByTestId('mlflow-status').waitFor({ timeout: 20_000 })
        expect(await shown(page)).toEqual({ bars: 0, alerts: 0 })

        await api.close()
        await bar.waitFor({ timeout: 20_000 })
        api = await serve(port)
        expect(api.token).not.toBe(token)
        const signIn = page.getByTestId('sign-in-banner')
        await signIn.waitFor({ timeout: 30_000 })
        expect(await signIn.textContent()).toMatch(
          /restarted with a new token.*Open the new URL that medallion serve printed/,
        )
        expect(await shown(page)).toEqual({ bars: 0, alerts: 0 })
      } finally {
        await context.close()
      }
    }, 120_000)
  },
)
