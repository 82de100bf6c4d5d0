/**
 * The renderer as the desktop window runs it, for what only the window may do — without Electron, whose
 * binary cannot be downloaded here. The built UI loads in headless Chromium with `window.medallion` made
 * by the preload's own `createBridge`; its transport is a Playwright binding into the core's dispatcher
 * (what `src-main/ipc.ts` does over IPC), the core's events are forwarded to it, and `app.info` says
 * `desktop: true` as `desktop-handlers.ts` does. The dialogs of the window-only calls are not here.
 */

import { build } from 'esbuild'
import type { BrowserContext } from 'playwright-core'
import type { Core } from '../../src-main/core/app-core.ts'
import { dispatch, type Handlers } from '../../src-main/core/rpc.ts'
import type { EventName } from '../../src-preload/contract.ts'
import { EVENT_NAMES } from '../../src-preload/names.ts'
import { REPO_ROOT } from './temp-data.ts'

/** The preload's bridge as a page script, over the bindings `windowBindings` installs. */
async function bridgeScript(): Promise<string> {
  const bundled = await build({
    stdin: {
      contents: `import { createBridge } from './src-preload/create-bridge.ts'
window.medallion = createBridge({
  invoke: (name, input) => window.__medallionInvoke(name, input),
  listen: (listener) => {
    window.__medallionListener = listener
    return () => { window.__medallionListener = undefined }
  },
})`,
      resolveDir: REPO_ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
  })
  return bundled.outputFiles[0]?.text ?? ''
}

/**
 * What the window's main process answers: the core's handlers, with app.info saying it is the desktop,
 * and any of main's own handlers a test gives (e.g. the import's, over an injected dialog).
 */
function windowHandlers(core: Pick<Core, 'handlers'>, mainHandlers: Partial<Handlers> = {}): Handlers {
  return {
    ...core.handlers,
    'app.info': async (args) => ({ ...(await core.handlers['app.info'](args)), desktop: true }),
    ...mainHandlers,
  }
}

/**
 * For `openCheckedPage(..., { beforeLoad })`: the context's pages get the window's bridge. Returns the
 * stop of the event forwarding, to call when the context closes.
 */
export async function windowBindings(
  context: BrowserContext,
  core: Pick<Core, 'handlers' | 'events'>,
  mainHandlers: Partial<Handlers> = {},
): Promise<() => void> {
  const handlers = windowHandlers(core, mainHandlers)
  await context.exposeBinding('__medallionInvoke', (_source, name: unknown, input: unknown) =>
    dispatch(handlers, name, input),
  )
  await context.addInitScript({ content: await bridgeScript() })
  const forward = (name: EventName, payload: unknown) => {
    for (const page of context.pages()) {
      page
        .evaluate(
          ([n, p]) => (window as unknown as WindowListener).__medallionListener?.(n, p),
          [name, payload],
        )
        .catch(() => {})
    }
  }
  const stops = EVENT_NAMES.map((name) => core.events.on(name, (payload) => forward(name, payload)))
  return () => {
    for (const stop of stops) stop()
  }
}

interface WindowListener {
  __medallionListener?: (name: unknown, payload: unknown) => void
}
