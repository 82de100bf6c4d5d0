/**
 * Headless Chromium for browser tests: Debian's `chromium` package driven by playwright-core (which ships
 * no browser; `npx playwright install` is never needed). Under CI a missing browser fails the tests; on a
 * laptop without it they skip and say why.
 */
import { existsSync } from 'node:fs'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'

export const CHROMIUM_BIN = process.env.MEDALLION_CHROMIUM_BIN ?? '/usr/bin/chromium'

export const CHROMIUM_AVAILABLE = existsSync(CHROMIUM_BIN)

if (!CHROMIUM_AVAILABLE && process.env.CI) {
  throw new Error(`Chromium not found at ${CHROMIUM_BIN}: .ci/run installs it with apt-get install chromium`)
}

export const CHROMIUM_SKIP_REASON = `no Chromium at ${CHROMIUM_BIN} (apt-get install chromium, or set MEDALLION_CHROMIUM_BIN)`

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_BIN,
    // Headless in a container (often as root, so no sandbox), with nothing that phones home during a test.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 30_000,
  })
}

/**
 * Chromium drops requests in flight when the machine's interfaces change — here, when the stack tests
 * running beside create or remove Podman's networks. The app's queries retry; it is not the app's failure.
 */
const NETWORK_CHANGED = /ERR_NETWORK_CHANGED/

/** What a page reports that a test must not accept: errors, uncaught exceptions, CSP violations. */
export interface PageProblems {
  list: string[]
}

export interface OpenPageOptions {
  locale?: string
  colorScheme?: 'light' | 'dark'
  viewport?: { width: number; height: number }
  /** Console errors the case expects (e.g. the 503s of calls to a store that is down). */
  expected?: RegExp[]
  /** Runs on the new context before the page loads (bindings, init scripts). */
  beforeLoad?: (context: BrowserContext) => Promise<void>
}

/** A fresh context and page at `url`, with every console error, page error, CSP refusal and failed request collected. */
export async function openCheckedPage(
  browser: Browser,
  url: string,
  options: OpenPageOptions = {},
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 860 },
  })
  await options.beforeLoad?.(context)
  const page = await context.newPage()
  const problems: PageProblems = { list: [] }
  const expected = options.expected ?? []
  // Chromium also logs CSP refusals to the console; the DOM event catches any it would not.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`)
    })
  })
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return
    if (NETWORK_CHANGED.test(message.text())) return
    if (expected.some((re) => re.test(`${message.text()} ${message.location().url}`))) return
    problems.list.push(`console.${message.type()}: ${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (err) => problems.list.push(`page error: ${err.message}`))
  page.on('requestfailed', (request) => {
    // The event stream is cut when the page closes; that is not a failure of the app.
    if (new URL(request.url()).pathname === '/events') return
    if (NETWORK_CHANGED.test(request.failure()?.errorText ?? '')) return
    problems.list.push(`request failed: ${request.url()} (${request.failure()?.errorText})`)
  })
  await page.goto(url)
  return { context, page, problems }
}
