/**
 * The desktop smoke test: the real Electron app driven by Playwright, on a fresh data folder — first-launch
 * screen, sample data through the pipeline to the Overview's KPIs, the window's hardening, and not one
 * console or page error on the way.
 *
 * Which app: MEDALLION_APP_EXECUTABLE (a packaged binary, as the release workflow sets), else `electron .`
 * from this repository (needs `npm run build`). Without Electron's binary the suite skips and says why.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { getCurrentFuseWire } from '@electron/fuses'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { electronBinary } from '../scripts/electron-binary.mjs'
import { FUSE_INDEX, type FuseWire, readFuse } from '../scripts/fuse-wire.ts'

const REPO_ROOT = resolve(import.meta.dirname, '..')
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts')
const KPI_KEYS = ['total_ca', 'total_achats', 'total_clients', 'panier_moyen', 'expected_total'] as const
const FIRST_LAUNCH_BUTTONS = ['Try it with sample data', 'Import your files…', 'Start the stack'] as const
// Generating the sources and running bronze → silver → gold on a cold start.
const PIPELINE_TIMEOUT = 120_000
const LAUNCH_TIMEOUT = 60_000
// Variables that would point the app at another lake or store than the fresh data folder.
const FOREIGN_ENV = [
  'ELECTRON_RUN_AS_NODE',
  'ELECTRON_RENDERER_URL',
  'NODE_OPTIONS',
  'MONGO_URL',
  'MONGO_URI',
  'MONGO_DB',
  'MINIO_ENDPOINT',
  'MINIO_ACCESS_KEY',
  'MINIO_SECRET_KEY',
  'MLFLOW_TRACKING_URI',
  'SPARK_MASTER_URL',
]

type AppChoice =
  | { kind: 'packaged'; executable: string }
  | { kind: 'development'; executable: string }
  | { kind: 'skip'; reason: string }

function chooseApp(): AppChoice {
  const packaged = process.env.MEDALLION_APP_EXECUTABLE?.trim()
  // Asked for by name, so a missing file fails below instead of skipping a release's smoke test.
  if (packaged) return { kind: 'packaged', executable: resolve(packaged) }
  const binary = electronBinary()
  if (!binary) {
    return {
      kind: 'skip',
      reason:
        "Electron's binary is not installed: `npm start` fetches it (ELECTRON_MIRROR is honoured), " +
        'or set MEDALLION_APP_EXECUTABLE to a packaged app',
    }
  }
  if (!existsSync(join(REPO_ROOT, 'out', 'main', 'index.js'))) {
    return { kind: 'skip', reason: 'the app is not built (no out/main/index.js): run `npm run build` first' }
  }
  return { kind: 'development', executable: binary }
}

/**
 * Playwright attaches to Electron's main process through `--inspect`, which a binary with the nodeCliInspect
 * fuse off (as electron-builder.ts ships it) ignores: the launch would only time out. Say so instead.
 */
async function inspectorFuseProblem(executable: string): Promise<string | undefined> {
  let wire: FuseWire
  try {
    wire = (await getCurrentFuseWire(executable)) as unknown as FuseWire
  } catch {
    return undefined // No readable wire: let the launch report what is wrong.
  }
  if (readFuse(wire, FUSE_INDEX.enableNodeCliInspectArguments) !== 'disabled') return undefined
  return (
    `${executable} has the nodeCliInspect fuse off, so Playwright cannot attach to it. Test a copy with ` +
    'EnableNodeCliInspectArguments flipped on (as .github/workflows/release.yml does); check the shipped ' +
    'binary with `npm run check:fuses`.'
  )
}

/** The window preferences the hardening test reads back. */
interface Preferences {
  contextIsolation?: boolean
  sandbox?: boolean
  nodeIntegration?: boolean
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      )
    })
  })
}

/** The environment the app starts with: ours, minus what would point it elsewhere, plus a fresh data folder. */
async function appEnv(dataDir: string): Promise<Record<string, string>> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    // Not vitest's "test" mode: the app must run as users get it.
    if (value === undefined || key === 'NODE_ENV' || key.startsWith('VITEST')) continue
    env[key] = value
  }
  for (const key of FOREIGN_ENV) delete env[key]
  env.MEDALLION_DATA_DIR = dataDir
  // The read API would take 5000, which a running Medallion (or macOS AirPlay) may hold.
  env.MEDALLION_API_PORT = String(await freePort())
  return env
}

const app = chooseApp()

describe.skipIf(app.kind === 'skip')('desktop app (Electron) smoke test', () => {
  if (app.kind === 'skip') console.warn(`desktop-smoke.e2e: skipped, ${app.reason}`)

  let tempRoot = ''
  let electronApp: ElectronApplication | undefined
  let page: Page
  const problems: string[] = []
  const mainErrors: string[] = []

  const watched = new WeakSet<Page>()
  const watch = (target: Page) => {
    if (watched.has(target)) return
    watched.add(target)
    target.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error in ${target.url()}: ${message.text()}`)
    })
    target.on('pageerror', (error) => problems.push(`page error in ${target.url()}: ${error.stack ?? error}`))
  }

  beforeAll(async () => {
    if (app.kind === 'skip') return
    if (app.kind === 'packaged') {
      if (!existsSync(app.executable)) {
        throw new Error(`MEDALLION_APP_EXECUTABLE is ${app.executable}, which does not exist`)
      }
      const problem = await inspectorFuseProblem(app.executable)
      if (problem) throw new Error(problem)
    }
    tempRoot = mkdtempSync(join(tmpdir(), 'medallion-desktop-smoke-'))
    const dataDir = join(tempRoot, 'data')
    mkdirSync(dataDir)
    const args = [
      // A profile of its own: a Medallion already open would otherwise hold the single-instance lock.
      `--user-data-dir=${join(tempRoot, 'user-data')}`,
      // Chromium refuses to run as root with its sandbox on (containers, some CI).
      ...(process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ]
    electronApp = await _electron.launch({
      // Unset in development, so Playwright starts the electron package's binary with its loader.
      ...(app.kind === 'packaged' ? { executablePath: app.executable } : {}),
      args: app.kind === 'development' ? ['.', ...args] : args,
      cwd: REPO_ROOT,
      env: await appEnv(dataDir),
      // Playwright adds --no-sandbox on Linux unless told the sandbox is wanted; it is, except as root.
      chromiumSandbox: true,
      timeout: LAUNCH_TIMEOUT,
    })
    electronApp.on('console', (message) => {
      if (message.type() === 'error') mainErrors.push(message.text())
    })
    electronApp.on('window', watch)
    page = await electronApp.firstWindow({ timeout: LAUNCH_TIMEOUT })
    watch(page)
    await page.waitForLoadState('domcontentloaded')
  }, 2 * LAUNCH_TIMEOUT)

  afterAll(async () => {
    if (mainErrors.length > 0)
      console.info(`desktop-smoke.e2e: main process errors:\n${mainErrors.join('\n')}`)
    if (electronApp) {
      const running = electronApp
      const closed = running.close().then(
        () => true,
        () => false,
      )
      const timedOut = new Promise<boolean>((done) => setTimeout(() => done(false), 30_000))
      if (!(await Promise.race([closed, timedOut]))) running.process().kill()
    }
    if (tempRoot) rmSync(tempRoot, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 })
  }, 60_000)

  it('opens one window titled Medallion', async () => {
    expect(electronApp?.windows()).toHaveLength(1)
    expect(await page.title()).toBe('Medallion')
  })

  it('shows the first-launch screen with its three actions on an empty data folder', async () => {
    const screen = page.getByTestId('first-launch')
    await screen.waitFor({ state: 'visible', timeout: 30_000 })
    for (const name of FIRST_LAUNCH_BUTTONS) {
      await screen.getByRole('button', { name, exact: true }).waitFor({ state: 'visible', timeout: 5_000 })
    }
  })

  it('keeps the window isolated: context isolation, sandbox, no Node integration', async () => {
    const preferences = await electronApp?.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((win) => {
        // Undocumented (absent from electron.d.ts) but what Electron's own specs read: the preferences in force.
        const contents = win.webContents as unknown as { getLastWebPreferences?: () => Preferences | null }
        if (typeof contents.getLastWebPreferences !== 'function') return 'getLastWebPreferences is gone'
        const last = contents.getLastWebPreferences()
        return {
          contextIsolation: last?.contextIsolation,
          sandbox: last?.sandbox,
          nodeIntegration: last?.nodeIntegration,
        }
      }),
    )
    expect(preferences).toEqual([{ contextIsolation: true, sandbox: true, nodeIntegration: false }])
  })

  it('gives the page no Node globals and a bridge of invoke and subscribe only', async () => {
    const globals = await page.evaluate(() => {
      const bridge = (globalThis as { medallion?: Record<string, unknown> }).medallion
      return {
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        bridge: bridge ? Object.keys(bridge).sort() : null,
        bridgeTypes: bridge ? [typeof bridge.invoke, typeof bridge.subscribe] : null,
      }
    })
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridge: ['invoke', 'subscribe'],
      bridgeTypes: ['function', 'function'],
    })
  })

  it("serves the renderer from the app's own scheme, not file:", () => {
    expect(new URL(page.url()).protocol).not.toBe('file:')
  })

  it(
    'runs the sample data through the pipeline to the Overview and its five KPIs',
    async () => {
      mkdirSync(ARTIFACTS, { recursive: true })
      try {
        await page.getByRole('button', { name: 'Try it with sample data', exact: true }).click()
        // Each card carries its raw number in data-value once the KPIs have loaded.
        await page.waitForFunction(
          (keys) =>
            keys.every((key) => {
              const value = document.querySelector(`[data-testid="kpi-${key}"]`)?.getAttribute('data-value')
              return value != null && value !== '' && Number(value) > 0
            }),
          [...KPI_KEYS],
          { timeout: PIPELINE_TIMEOUT, polling: 500 },
        )
      } catch (err) {
        await page.screenshot({ path: join(ARTIFACTS, 'desktop-smoke-failure.png') }).catch(() => undefined)
        throw err
      }
      const values: Record<string, number> = {}
      for (const key of KPI_KEYS) {
        values[key] = Number(await page.getByTestId(`kpi-${key}`).getAttribute('data-value'))
      }
      for (const key of KPI_KEYS) {
        expect({ key, positive: Number.isFinite(values[key]) && (values[key] ?? 0) > 0 }).toEqual({
          key,
          positive: true,
        })
      }
      expect(values.total_achats).toBeGreaterThan(20_000)
      await page.screenshot({ path: join(ARTIFACTS, 'desktop-smoke-overview.png') })
    },
    PIPELINE_TIMEOUT + 30_000,
  )

  it('logged no console error and threw no page error on the way', () => {
    expect(problems).toEqual([])
  })
})
