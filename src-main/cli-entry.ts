/**
 * The entry of the CLI bundle (out/cli/medallion.mjs, built by scripts/cli-bundle.mjs). `bin/medallion.mjs`
 * calls `runCli` from a clone; the installed app calls it from its main process with its resources folder
 * and its own data folder. The bundle lives in `<app root>/out/cli/`, which is how it finds the app's root.
 */
import { join } from 'node:path'
import { version } from '../package.json'
import type { DataDirSource } from '../src-preload/names-app.ts'
import { main } from './cli.ts'
import type { CoreOptions } from './core/app-core.ts'
import { appPaths } from './core/app-paths.ts'
import type { LaunchNodeChild } from './core/child-process.ts'
import { restrictNewFiles } from './core/private-files.ts'

export interface CliRuntime {
  /** Electron's `process.resourcesPath` in a packaged app (compose file, Spark job); absent in a clone. */
  resourcesPath?: string
  /** The data folder when neither --data-dir nor MEDALLION_DATA_DIR names one (default ./data). */
  defaultDataDir?: { dir: string; source: DataDirSource }
  /** How the benchmark's child starts (the app passes Electron's utilityProcess). */
  launchChild?: LaunchNodeChild
  /** How a big run's worker process starts (the app passes Electron's utilityProcess). */
  startPlanProcess?: CoreOptions['startPlanProcess']
  /** Log files `medallion diagnostics` includes (the app's main-process log). */
  logFiles?: string[]
  /** The app's configuration folder (Electron's userData), where the stack's credentials live. */
  configDir?: string
}

export function runCli(argv: string[], runtime: CliRuntime = {}): Promise<number> {
  // Before anything is written: the data folder and everything the command writes is the user's alone.
  restrictNewFiles()
  const appRoot = join(import.meta.dirname, '..', '..')
  return main(argv, {
    paths: appPaths(appRoot, runtime.resourcesPath),
    defaultDataDir: runtime.defaultDataDir ?? { dir: 'data', source: 'default' },
    ...(runtime.launchChild ? { launchChild: runtime.launchChild } : {}),
    ...(runtime.startPlanProcess ? { startPlanProcess: runtime.startPlanProcess } : {}),
    ...(runtime.logFiles ? { logFiles: runtime.logFiles } : {}),
    ...(runtime.configDir ? { configDir: runtime.configDir } : {}),
    version,
  })
}
