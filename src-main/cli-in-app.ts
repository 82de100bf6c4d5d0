/**
 * The installed app carries the `medallion` command: `resources/bin/medallion` starts the app's binary
 * with `--cli`, and main runs the command here instead of opening a window, then exits with its code.
 * It is the same CLI bundle as a clone's (out/cli/), with the app's resources folder (compose file, Spark
 * job), the app's data folder unless --data-dir or MEDALLION_DATA_DIR say otherwise, and utility processes
 * for the benchmark's child (this binary does not run as plain Node: its RunAsNode fuse is off).
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app } from 'electron'
import type { runCli as RunCli } from './cli-entry.ts'
import { CLI_BUNDLE_DIR } from './core/app-paths.ts'
import { appDataDir } from './core/data-location.ts'
import { launchUtilityChild, utilityPlanProcess } from './utility-child.ts'

export async function runCliInApp(argv: string[]): Promise<void> {
  // A terminal command shows no dock icon on macOS.
  app.dock?.hide()
  let code: number
  try {
    const bundle = pathToFileURL(join(app.getAppPath(), CLI_BUNDLE_DIR, 'medallion.mjs')).href
    const { runCli } = (await import(bundle)) as { runCli: typeof RunCli }
    code = await runCli(argv, {
      resourcesPath: app.isPackaged ? process.resourcesPath : undefined,
      defaultDataDir: appDataDir(app.getPath('userData')),
      configDir: app.getPath('userData'),
      launchChild: launchUtilityChild,
      startPlanProcess: utilityPlanProcess,
    })
  } catch (err) {
    process.stderr.write(`medallion: ${(err as Error).stack ?? err}\n`)
    code = 1
  }
  app.exit(code)
}
