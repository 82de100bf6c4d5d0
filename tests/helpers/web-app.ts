/**
 * The UI as web mode serves it, for browser tests: the app built into a temporary folder, a headless
 * Chromium, and the read API with the UI over a core. Set up before the file's tests (after `prepare`,
 * which runs beside the build), torn down after them.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { browseRoutes } from '../../src-main/core/api/browse-routes.ts'
import { httpHandlers, httpPolicyOf } from '../../src-main/core/api/http-policy.ts'
import { type RunningApi, startApi } from '../../src-main/core/api/server.ts'
import type { Core } from '../../src-main/core/app-core.ts'
import { BrowseService } from '../../src-main/core/browse/browse-service.ts'
import { uploadLimit } from '../../src-main/core/import/upload-limit.ts'
import { uploadRoute } from '../../src-main/core/import/upload-route.ts'
import { launchChromium } from './browser.ts'
import { buildApp } from './build-app.ts'
import { REPO_ROOT } from './temp-data.ts'

export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts')

export interface ServedWebApp {
  readonly api: RunningApi
  readonly browser: Browser
}

/**
 * `path` (e.g. `/#/sales`) on the URL `medallion serve` prints: the first load trades its `?token=` for
 * the server's cookie, as a user's browser does.
 */
export function signedInUrl(api: Pick<RunningApi, 'url' | 'token'>, path = '/'): string {
  const url = new URL(path, api.url)
  url.searchParams.set('token', api.token)
  return url.href
}

export function servedWebApp(core: Core, prepare?: () => Promise<unknown>): ServedWebApp {
  let buildDir = ''
  const served = {} as { api: RunningApi; browser: Browser }
  beforeAll(async () => {
    buildDir = mkdtempSync(join(tmpdir(), 'medallion-web-build-'))
    ;[, served.browser] = await Promise.all([buildApp(buildDir), launchChromium(), prepare?.()])
    // The handlers `medallion serve` gives web mode: the HTTP policy over the core's.
    const handlers = httpHandlers(
      core.handlers,
      httpPolicyOf(core.options.dataDir, core.options.env ?? process.env),
    )
    served.api = await startApi({
      handlers,
      store: () => core.serving.store,
      events: core.events,
      port: 0,
      webRoot: join(buildDir, 'renderer'),
      // `medallion serve`'s upload route, its limit from the core's environment, and the data browser's
      // owner routes, as `medallion serve` adds them.
      webRoutes: [
        uploadRoute({ dataDir: core.options.dataDir, limit: uploadLimit(core.options.env ?? process.env) }),
        ...browseRoutes(handlers, new BrowseService(core, core.options.dataDir)),
      ],
    })
    // As `medallion serve` does: Settings shows the port really in use.
    core.servedApi.port = served.api.port
    mkdirSync(ARTIFACTS, { recursive: true })
  }, 240_000)
  afterAll(async () => {
    await served.api?.close()
    await served.browser?.close()
    if (buildDir) rmSync(buildDir, { recursive: true, force: true })
  })
  return served
}
