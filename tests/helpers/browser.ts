/**
 * Headless Chromium for browser tests: Debian's `chromium` package driven by playwright-core (which ships
 * no browser; `npx playwright install` is never needed). Under CI a missing browser fails the tests; on a
 * laptop without it they skip and say why.
 */
import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

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
