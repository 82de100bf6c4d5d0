/**
 * The contract's application calls, answered through the core. What needs the desktop (a folder dialog,
 * the file manager, a restart on another data folder) is refused here with what to do instead; the
 * Electron main process answers those calls itself (src-main/desktop-handlers.ts).
 */
import { createRequire } from 'node:module'
import type { APP_CALLS } from '../../../src-preload/names-app.ts'
import type { Core } from '../app-core.ts'
import { MedallionError } from '../errors.ts'
import type { HandlersOf } from '../rpc.ts'
import { startSample } from '../sample-data.ts'
import { type WindowOnlyCall, windowOnlyMessage } from './window-only.ts'

/** Read from its package.json: loading Polars only to learn its version would cost a second. */
function polarsVersion(): string {
  try {
    return (createRequire(import.meta.url)('nodejs-polars/package.json') as { version: string }).version
  } catch {
    return 'unknown'
  }
}

function desktopOnly(core: Core, name: WindowOnlyCall): () => Promise<never> {
  return async () => {
    throw new MedallionError('unavailable', windowOnlyMessage(name, core.options.dataDir))
  }
}

export function appHandlers(core: Core): HandlersOf<typeof APP_CALLS> {
  return {
    'app.info': async () => ({
      versions: {
        medallion: core.options.version ?? 'unknown',
        node: process.versions.node,
        polars: polarsVersion(),
      },
      desktop: false,
      dataDir: core.options.dataDir,
      dataDirSource: core.options.dataDirSource ?? 'default',
      firstLaunch: (await core.lake.currentRun()) === undefined,
    }),
    'app.sample': async () => ({ taskId: startSample(core).task.id }),
    'app.importFolder': desktopOnly(core, 'app.importFolder'),
    'app.openDataFolder': desktopOnly(core, 'app.openDataFolder'),
    'app.changeDataFolder': desktopOnly(core, 'app.changeDataFolder'),
  }
}
