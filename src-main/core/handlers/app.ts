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

/** Read from its package.json: loading Polars only to learn its version would cost a second. */
function polarsVersion(): string {
  try {
    return (createRequire(import.meta.url)('nodejs-polars/package.json') as { version: string }).version
  } catch {
    return 'unknown'
  }
}

function desktopOnly(what: string, instead: string): () => Promise<never> {
  return async () => {
    throw new MedallionError('unavailable', `${what} needs the desktop app: ${instead}`)
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
    'app.importFolder': desktopOnly(
      'choosing a folder to import',
      'from a terminal, `medallion run --input <folder>` runs the pipeline on any folder',
    ),
    'app.openDataFolder': desktopOnly('opening the data folder', `it is ${core.options.dataDir}`),
    'app.changeDataFolder': desktopOnly(
      'changing the data folder',
      'start `medallion serve` with --data-dir <folder> (or MEDALLION_DATA_DIR) instead',
    ),
  }
}
