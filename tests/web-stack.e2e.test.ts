/**
 * The Stack page, the Tasks drawer and Settings in headless Chromium, on the built UI in web mode: the
 * stack fixture on the real Podman engine (Up through its dialog, live status, logs with search and
 * export, Down, a Reset that lists what it deletes and deletes only once confirmed), the page without an
 * engine, a pipeline run followed and cancelled from the drawer, and settings saved through the page
 * (a secret refused without a SecretBox, encrypted with one). Screenshots in light and dark go to
 * test-artifacts/.
 */

import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningApi, startApi } from '../src-main/core/api/server.ts'
import { type Core, type CoreOptions, createCore } from '../src-main/core/app-core.ts'
import { keySecretBox } from '../src-main/core/settings/key-secret-box.ts'
import type { Engine } from '../src-main/core/stack/engine.ts'
import { projectVolumes } from '../src-main/core/stack/project-resources.ts'
import { LOG_LINE_LABELS, STACK_SERVICE_LABELS } from '../src-renderer/components/export/column-labels.ts'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, launchChromium } from './helpers/browser.ts'
import { buildApp } from './helpers/build-app.ts'
import { freePort } from './helpers/ferretdb.ts'
import { ENGINE_LABEL, PODMAN, PODMAN_SOCKET, removeTestProject, uniqueProject } from './helpers/podman.ts'
import { REPO_ROOT, SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'
import { ensureTestImage } from './helpers/test-images.ts'
import { signedInUrl } from './helpers/web-app.ts'

const ARTIFACTS = resolve(REPO_ROOT, 'test-artifacts')
const COMPOSE = join(REPO_ROOT, 'tests/fixtures/stack/medallion-like.yml')
const SLOW = { timeout: 120_000 }

type Scheme = 'light' | 'dark'

/** A core and the web mode serving it, both closed after the file. */
async function serveCore(webRoot: string, options: Omit<CoreOptions, 'paths'>) {
  // The stack's credentials go to a folder of the test's, not to this machine's configuration folder.
  const configDir = mkdtempSync(join(tmpdir(), 'medallion-web-config-'))
  const core = createCore({ paths: { ...SOURCE_PATHS, composeFile: COMPOSE }, configDir, ...options })
  const api = await startApi({
    handlers: core.handlers,
    store: () => core.serving.store,
    events: core.events,
    port: 0,
    webRoot,
  })
  afterAll(async () => {
    await api.close()
    await core.close()
    rmSync(configDir, { recursive: true, force: true })
  })
  return { core, api }
}

/**
 * A page in a fresh context, collecting what must not happen: console errors, uncaught exceptions, CSP
 * violations, failed requests (less the `expected` console errors a case provokes on purpose).
 */
async function openPage(browser: Browser, url: string, scheme: Scheme = 'light', expected: RegExp[] = []) {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  const problems: string[] = []
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`)
    })
  })
  page.on('console', (message) => {
    const where = `${message.text()} ${message.location().url}`
    if (message.type() !== 'error' || /favicon\.ico/.test(where) || expected.some((re) => re.test(where)))
      return
    problems.push(`console.error: ${where}`)
  })
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('requestfailed', (request) => {
    if (new URL(request.url()).pathname !== '/events') problems.push(`request failed: ${request.url()}`)
  })
  await page.goto(url)
  return { context, page, problems }
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true, animations: 'disabled' })
}

async function inContext<T>(opened: { context: BrowserContext }, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } finally {
    await opened.context.close()
  }
}

const serviceRow = (page: Page, service: string) =>
  page.locator(`[data-testid="stack-services"] tr[data-service="${service}"]`)
const stackTask = (page: Page) => page.locator('.stack-task [data-testid="task-card"]')

async function waitForAttribute(locator: Locator, name: string, value: string, timeout = 60_000) {
  await expect.poll(() => locator.getAttribute(name), { timeout }).toBe(value)
}

describe.skipIf(!CHROMIUM_AVAILABLE)(
  'the Stack page, the Tasks drawer and Settings in headless Chromium',
  () => {
    if (!CHROMIUM_AVAILABLE) console.warn(`web-stack.e2e: skipped, ${CHROMIUM_SKIP_REASON}`)
    let buildDir = ''
    let webRoot = ''
    let browser: Browser

    beforeAll(async () => {
      buildDir = mkdtempSync(join(tmpdir(), 'medallion-web-stack-build-'))
      ;[, browser] = await Promise.all([buildApp(buildDir), launchChromium()])
      webRoot = join(buildDir, 'renderer')
    }, 180_000)

    afterAll(async () => {
      await browser?.close()
      if (buildDir) rmSync(buildDir, { recursive: true, force: true })
    })

    describe.skipIf(!PODMAN.engine)(`the fixture stack on ${ENGINE_LABEL}`, () => {
      const engine = PODMAN.engine as Engine
      const project = uniqueProject('web')
      let env: Record<string, string>
      let core: Core
      let api: RunningApi

      beforeAll(async () => {
        env = {
          COMPOSE_PROJECT_NAME: project,
          TEST_IMAGE: await ensureTestImage(engine),
          MONGO_PORT: String(await freePort()),
          MINIO_CONSOLE_PORT: String(await freePort()),
        }
        ;({ core, api } = await serveCore(webRoot, {
          dataDir: tempDir('medallion-web-stack-'),
          engineSocket: `unix://${PODMAN_SOCKET}`,
          env,
        }))
        return () => removeTestProject(engine, project)
      }, 120_000)

      it('Up through its dialog starts the services; the page shows their state, health, ports and links', async () => {
        const opened = await openPage(browser, signedInUrl(api, `/#/stack`))
        const { page, problems } = opened
        await inContext(opened, async () => {
          await waitForAttribute(page.getByTestId('stack-engine'), 'data-engine', 'podman')
          await waitForAttribute(serviceRow(page, 'mongo'), 'data-state', 'missing')

          await page.getByRole('button', { name: 'Up', exact: true }).click()
          const dialog = page.getByTestId('up-dialog')
          await dialog.waitFor()
          const pipeline = dialog.getByRole('checkbox', { name: /Run the pipeline and publish/ })
          expect(await pipeline.isChecked()).toBe(true)
          expect(await dialog.getByRole('checkbox', { name: /Spark/ }).isChecked()).toBe(false)
          // The fixture's services only stand in for MongoDB and MinIO: start them without the pipeline.
          await pipeline.uncheck()
          await dialog.getByRole('button', { name: 'Up', exact: true }).click()
          await dialog.waitFor({ state: 'detached' })

          await waitForAttribute(stackTask(page), 'data-state', 'succeeded', 120_000)
          expect(await stackTask(page).locator('.task-title').textContent()).toBe('Stack up')
          expect(await stackTask(page).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')
          for (const service of ['mongo', 'minio', 'metabase']) {
            await waitForAttribute(serviceRow(page, service), 'data-state', 'running')
          }
          await waitForAttribute(serviceRow(page, 'mongo'), 'data-health', 'healthy')
          await waitForAttribute(serviceRow(page, 'minio-init'), 'data-state', 'exited')
          expect(await serviceRow(page, 'mongo').locator('.service-ports').textContent()).toBe(
            `127.0.0.1:${env.MONGO_PORT}→27017`,
          )
          expect(await serviceRow(page, 'mongo').textContent()).toContain(env.TEST_IMAGE)

          // Where the generated credentials are, never their values.
          const credentials = page.getByTestId('stack-credentials')
          await waitForAttribute(credentials, 'data-state', 'clear')
          expect(await credentials.locator('code').textContent()).toBe(
            join(core.options.configDir as string, 'stack.env'),
          )
          const minioConsole = page.locator('a[data-link="minioConsole"]')
          expect(await minioConsole.getAttribute('href')).toBe(`http://127.0.0.1:${env.MINIO_CONSOLE_PORT}`)
          expect(await minioConsole.getAttribute('target')).toBe('_blank')
          expect(await minioConsole.getAttribute('rel')).toMatch(/\bnoopener\b/)
          await waitForAttribute(page.getByTestId('tasks-button'), 'data-running', '0')
          await screenshot(page, 'stack-light')
          expect(problems).toEqual([])
        })

        const dark = await openPage(browser, signedInUrl(api, `/#/stack`), 'dark')
        await inContext(dark, async () => {
          await waitForAttribute(serviceRow(dark.page, 'mongo'), 'data-state', 'running')
          const background = await dark.page.evaluate(
            () => getComputedStyle(document.documentElement).backgroundColor,
          )
          expect(background).toBe('rgb(15, 19, 24)')
          await screenshot(dark.page, 'stack-dark')
          expect(dark.problems).toEqual([])
        })
      }, 180_000)

      it('a service’s live log: searched, and exported as the lines shown', async () => {
        const opened = await openPage(browser, signedInUrl(api, `/#/stack`))
        const { page, problems } = opened
        await inContext(opened, async () => {
          await serviceRow(page, 'minio-init').getByRole('button', { name: 'Logs' }).click()
          const logs = page.locator('[data-testid="service-logs"][data-service="minio-init"]')
          await expect
            .poll(() => logs.getByTestId('log-lines').textContent(), SLOW)
            .toContain('buckets sources bronze silver gold created')

          await serviceRow(page, 'mongo').getByRole('button', { name: 'Logs' }).click()
          const mongoLogs = page.locator('[data-testid="service-logs"][data-service="mongo"]')
          await expect
            .poll(() => mongoLogs.getByTestId('log-lines').textContent(), SLOW)
            .toContain('mongo ready')
          const search = mongoLogs.getByRole('searchbox')
          await search.fill('no-such-line')
          await expect
            .poll(() => mongoLogs.textContent(), SLOW)
            .toContain('No line of mongo contains “no-such-line”')
          await search.fill('ready')
          await expect
            .poll(() => mongoLogs.getByTestId('log-lines').textContent(), SLOW)
            .toContain('mongo ready')

          await mongoLogs.locator('[data-testid="export-logs-mongo"] summary').click()
          const [download] = await Promise.all([
            page.waitForEvent('download'),
            mongoLogs.locator('[data-export="csv"]').click(),
          ])
          expect(download.suggestedFilename()).toMatch(/^logs-mongo-\d{8}-\d{6}\.csv$/)
          const csv = readFileSync(await download.path(), 'utf8')
          expect(csv.split('\r\n')[0]).toBe(Object.values(LOG_LINE_LABELS).join(','))
          expect(csv).toMatch(/,stdout,mongo ready\r\n/)

          // The services table's CSV: headed by the labels its columns have on screen.
          const services = page.locator('section.panel', { has: page.getByTestId('stack-services') })
          await services.locator('[data-testid="export-stack-services"] summary').click()
          const [servicesCsv] = await Promise.all([
            page.waitForEvent('download'),
            services.locator('[data-export="csv"]').click(),
          ])
          const header = readFileSync(await servicesCsv.path(), 'utf8').split('\r\n')[0]
          expect(header).toBe(Object.values(STACK_SERVICE_LABELS).join(','))
          const onScreen = await page.getByTestId('stack-services').locator('thead th').allTextContents()
          expect(onScreen.slice(0, 5)).toEqual(Object.values(STACK_SERVICE_LABELS).slice(0, 5))
          expect(problems).toEqual([])
        })
      }, 60_000)

      it('Reset lists exactly what each scope deletes and deletes nothing without a confirmation', async () => {
        const opened = await openPage(browser, signedInUrl(api, `/#/stack`))
        const { page, problems } = opened
        await inContext(opened, async () => {
          await waitForAttribute(serviceRow(page, 'mongo'), 'data-state', 'running')
          await page.getByRole('button', { name: 'Reset…' }).click()
          const dialog = page.getByTestId('reset-dialog')
          const items = (kind: string) =>
            dialog.locator(`[data-testid="reset-preview"] li[data-kind="${kind}"] code`)
          await items('container').first().waitFor()
          expect((await items('container').allTextContents()).sort()).toEqual(
            ['metabase', 'minio', 'minio-init', 'mongo'].map((s) => `${project}-${s}-1`),
          )
          expect(await items('volume').count()).toBe(0)
          const remove = dialog.getByRole('button', { name: /^Delete/ })
          expect(await remove.isDisabled()).toBe(true)

          await dialog.getByRole('radio', { name: /\+ volumes/ }).check()
          await items('volume').first().waitFor()
          expect((await items('volume').allTextContents()).sort()).toEqual([
            `${project}_minio_data`,
            `${project}_mongo_data`,
          ])
          expect(await remove.isDisabled()).toBe(true)
          await screenshot(page, 'stack-reset-dialog')
          await dialog.getByRole('button', { name: 'Cancel' }).click()
          await dialog.waitFor({ state: 'detached' })
          // Previewing deleted nothing.
          expect((await core.stack.status()).services.find((s) => s.service === 'mongo')?.state).toBe(
            'running',
          )
          expect(await projectVolumes(engine.docker, project)).toHaveLength(2)
          expect(problems).toEqual([])
        })
      }, 60_000)

      it('Down removes the containers and keeps the volumes; a confirmed Reset then deletes them', async () => {
        const opened = await openPage(browser, signedInUrl(api, `/#/stack`))
        const { page, problems } = opened
        await inContext(opened, async () => {
          await waitForAttribute(serviceRow(page, 'mongo'), 'data-state', 'running')
          await page.getByRole('button', { name: 'Down' }).click()
          await expect
            .poll(() => stackTask(page).locator('.task-title').textContent(), SLOW)
            .toBe('Stack down')
          await waitForAttribute(stackTask(page), 'data-state', 'succeeded')
          for (const service of ['mongo', 'minio', 'minio-init', 'metabase']) {
            await waitForAttribute(serviceRow(page, service), 'data-state', 'missing')
          }
          expect(await projectVolumes(engine.docker, project)).toHaveLength(2)

          await page.getByRole('button', { name: 'Reset…' }).click()
          const dialog = page.getByTestId('reset-dialog')
          await expect.poll(() => dialog.textContent(), SLOW).toContain('Nothing to delete for this scope')
          await dialog.getByRole('radio', { name: /\+ volumes/ }).check()
          const volumes = dialog.locator('[data-testid="reset-preview"] li[data-kind="volume"]')
          await volumes.first().waitFor()
          expect(await volumes.count()).toBe(2)
          await dialog.getByRole('checkbox', { name: /will be deleted/ }).check()
          await dialog.getByRole('button', { name: 'Delete 2 items' }).click()
          await dialog.waitFor({ state: 'detached' })
          await expect
            .poll(() => stackTask(page).locator('.task-title').textContent(), SLOW)
            .toBe('Reset (volumes)')
          await waitForAttribute(stackTask(page), 'data-state', 'succeeded')
          expect(await projectVolumes(engine.docker, project)).toEqual([])
          expect(problems).toEqual([])
        })
      }, 120_000)
    })

    describe('with no container engine', () => {
      let api: RunningApi

      beforeAll(async () => {
        ;({ api } = await serveCore(webRoot, {
          dataDir: tempDir('medallion-web-noengine-'),
          engineSocket: `unix://${join(tmpdir(), `medallion-no-engine-${randomBytes(4).toString('hex')}.sock`)}`,
          env: { TEST_IMAGE: 'busybox', MONGO_PORT: '27017', MINIO_CONSOLE_PORT: '9001' },
        }))
      })

      it('says what to install and that the embedded mode keeps working', async () => {
        const opened = await openPage(browser, signedInUrl(api, `/#/stack`))
        const { page, problems } = opened
        await inContext(opened, async () => {
          const banner = page.getByTestId('no-engine')
          await banner.waitFor({ timeout: 20_000 })
          const text = (await banner.textContent()) ?? ''
          expect(text).toContain('No container engine found')
          expect(text).toContain('Install one of')
          expect(text).toMatch(/Podman/)
          expect(text).toContain('The embedded mode keeps working')
          expect(await page.getByRole('button', { name: 'Up', exact: true }).isDisabled()).toBe(true)
          await waitForAttribute(serviceRow(page, 'mongo'), 'data-state', 'missing')
          await screenshot(page, 'stack-no-engine')
          expect(problems).toEqual([])
        })
      })
    })

    describe('the Tasks drawer', () => {
      let core: Core
      let api: RunningApi

      beforeAll(async () => {
        ;({ core, api } = await serveCore(webRoot, { dataDir: tempDir('medallion-web-tasks-'), env: {} }))
        // About two million purchases: a run long enough to be followed and cancelled from the page, even
        // on a loaded machine.
        await core.sources.generate({ scale: 80 }).done
      }, 120_000)

      it('follows a pipeline run from any page and cancels it', async () => {
        const opened = await openPage(browser, signedInUrl(api, `/#/settings`))
        const { page, problems } = opened
        await inContext(opened, async () => {
          await page.getByTestId('settings-page').waitFor()
          // Started elsewhere, as the CLI would: the page learns of it through the task events.
          const { task, done } = core.pipeline.start({ from: 'bronze' })
          const button = page.getByTestId('tasks-button')
          await waitForAttribute(button, 'data-running', '1')
          expect(await button.textContent()).toBe('Tasks1 running')
          await button.click()
          const drawer = page.getByTestId('tasks-drawer')
          const card = drawer.locator(`[data-task-id="${task.id}"]`)
          await waitForAttribute(card, 'data-state', 'running')
          await expect
            .poll(() => card.locator('.task-step').textContent(), SLOW)
            .toMatch(/^(bronze|silver|gold)/)
          expect(await card.getByRole('progressbar').getAttribute('aria-valuenow')).toMatch(/^\d+$/)
          // The sources generated before are listed as a recent, finished task.
          const generated = drawer.locator('[data-kind="generate"]')
          expect(await generated.getAttribute('data-state')).toBe('succeeded')
          expect(await generated.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')
          await screenshot(page, 'tasks-drawer-light')

          await card.getByRole('button', { name: 'Cancel' }).click()
          await expect(done).rejects.toThrow(/cancel/)
          await waitForAttribute(card, 'data-state', 'cancelled')
          await waitForAttribute(button, 'data-running', '0')
          expect((await core.pipeline.runs(1))[0]?.status).toBe('cancelled')
          await card.locator('.task-log summary').click()
          expect(await card.locator('.task-log pre').isVisible()).toBe(true)

          await page.keyboard.press('Escape')
          await drawer.waitFor({ state: 'detached' })
          expect(problems).toEqual([])
        })

        const dark = await openPage(browser, signedInUrl(api, `/#/stack`), 'dark')
        await inContext(dark, async () => {
          await dark.page.getByTestId('tasks-button').click()
          await dark.page.getByTestId('tasks-drawer').locator('[data-kind="pipeline"]').waitFor()
          await screenshot(dark.page, 'tasks-drawer-dark')
        })
      }, 120_000)
    })

    describe('Settings in a browser (no SecretBox)', () => {
      let api: RunningApi
      let dataDir: string

      beforeAll(async () => {
        dataDir = tempDir('medallion-web-settings-')
        ;({ api } = await serveCore(webRoot, { dataDir, env: {} }))
      })

      it('saves plain settings with their source, refuses a secret with what to do, and switches the theme', async () => {
        const opened = await openPage(browser, signedInUrl(api, `/#/settings`), 'light', [
          /status of 400 .*\/rpc\/settings\.set/,
        ])
        const { page, problems } = opened
        await inContext(opened, async () => {
          await waitForAttribute(page.getByTestId('secret-storage'), 'data-available', 'false')
          expect(await page.getByTestId('data-folder').textContent()).toContain(dataDir)
          await screenshot(page, 'settings-light')

          await page.locator('#setting-mongoDb').fill('gold_e2e')
          await page.locator('#setting-apiPort').fill('5123')
          await page.getByRole('button', { name: 'Save 2 changes' }).click()
          await waitForAttribute(page.getByTestId('setting-mongoDb'), 'data-source', 'settings file')
          await page.getByTestId('restart-note').waitFor()
          const saved = () => JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))
          expect(saved()).toEqual({ mongoDb: 'gold_e2e', apiPort: 5123 })

          await page.locator('#setting-minioSecretKey').fill('lake-secret-4242')
          await page.getByRole('button', { name: 'Save 1 change' }).click()
          const refusal = page.locator('.settings-form .note-error')
          await refusal.waitFor()
          expect(await refusal.textContent()).toMatch(
            /cannot be saved here.*Set MINIO_SECRET_KEY in the environment/,
          )
          expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).not.toContain('lake-secret-4242')

          await page.getByRole('radio', { name: /^Dark/ }).check()
          await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
          expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
            'rgb(15, 19, 24)',
          )
          expect(saved().theme).toBe('dark')
          await screenshot(page, 'settings-dark')
          await page.getByRole('radio', { name: /^System/ }).check()
          await expect
            .poll(() => page.evaluate(() => document.documentElement.dataset.theme ?? 'none'))
            .toBe('none')
          expect(problems).toEqual([])
        })
      })
    })

    describe('Settings with a SecretBox', () => {
      let api: RunningApi
      let dataDir: string

      beforeAll(async () => {
        dataDir = tempDir('medallion-web-secrets-')
        ;({ api } = await serveCore(webRoot, { dataDir, env: {}, secretBox: keySecretBox(randomBytes(32)) }))
      })

      it('encrypts the secrets: settings.json and the page never hold them in clear', async () => {
        const password = 'p@ss-e2e-777'
        const minioSecret = 'lake-secret-e2e-555'
        const opened = await openPage(browser, signedInUrl(api, `/#/settings`))
        const { page, problems } = opened
        await inContext(opened, async () => {
          await waitForAttribute(page.getByTestId('secret-storage'), 'data-available', 'true')
          await page
            .locator('#setting-mongoUrl')
            .fill(`mongodb://reader:${encodeURIComponent(password)}@127.0.0.1:27017/`)
          await page.locator('#setting-minioEndpoint').fill('127.0.0.1:9000')
          await page.locator('#setting-minioSecretKey').fill(minioSecret)
          await page.getByRole('button', { name: 'Save 3 changes' }).click()
          await waitForAttribute(page.getByTestId('setting-minioSecretKey'), 'data-source', 'settings file')
          expect(await page.getByTestId('setting-mongoUrl').locator('.setting-value').textContent()).toBe(
            'mongodb://reader:****@127.0.0.1:27017/',
          )
          expect(await page.locator('#setting-minioSecretKey').inputValue()).toBe('')
          await page.reload()
          await page.getByTestId('setting-mongoUrl').waitFor()
          const shown = await page.content()
          const file = readFileSync(join(dataDir, 'settings.json'), 'utf8')
          for (const secret of [password, encodeURIComponent(password), minioSecret]) {
            expect(file).not.toContain(secret)
            expect(shown).not.toContain(secret)
          }
          expect(JSON.parse(file).encrypted).toHaveProperty('minioSecretKey')
          expect(problems).toEqual([])
        })
      })

      it('moves a user and password typed into the MLflow URI to its credentials, and says so', async () => {
        const password = 'ml-e2e-pass-313'
        const opened = await openPage(browser, signedInUrl(api, '/#/settings'))
        const { page, problems } = opened
        await inContext(opened, async () => {
          await page.locator('#setting-mlflowTrackingUri').fill(`http://ml-e2e:${password}@127.0.0.1:5001`)
          await page.getByRole('button', { name: 'Save 1 change' }).click()
          const note = page.getByTestId('settings-note')
          await note.waitFor()
          expect(await note.textContent()).toMatch(/taken out of it and saved as MLflow's credentials/)
          await waitForAttribute(page.getByTestId('setting-mlflowPassword'), 'data-source', 'settings file')
          const shownValue = (key: string) =>
            page.getByTestId(`setting-${key}`).locator('.setting-value').textContent()
          expect(await shownValue('mlflowTrackingUri')).toBe('http://127.0.0.1:5001')
          expect(await shownValue('mlflowUsername')).toBe('ml-e2e')
          expect(await shownValue('mlflowPassword')).toBe('****')
          expect(await page.getByTestId('setting-mlflowTrackingUri').textContent()).toContain(
            'applies at next start',
          )
          expect(await page.content()).not.toContain(password)
          expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).not.toContain(password)
          expect(problems).toEqual([])
        })
      })
    })
  },
)
