/**
 * The Electron main process's entry: the `medallion` command (the app's launcher passes `--cli`), or the
 * desktop window. Decided first, before any lock or window, so a terminal command never opens one.
 */
import { app } from 'electron'
import { cliArguments } from './cli-arguments.ts'
import { restrictNewFiles } from './core/private-files.ts'

// Before the log, the data folder or Chromium's profile is written: the files are the user's alone.
restrictNewFiles()

const cli = cliArguments(process.argv, app.isPackaged)
if (cli) {
  const { runCliInApp } = await import('./cli-in-app.ts')
  // Not awaited: the app must get ready meanwhile (the benchmark's utility processes wait for it).
  void runCliInApp(cli)
} else {
  // Awaited at the top level, so the app's scheme is registered before the app is ready.
  const { startDesktop } = await import('./desktop-app.ts')
  startDesktop()
}
