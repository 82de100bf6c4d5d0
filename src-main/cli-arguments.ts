/**
 * Whether the app was started as the `medallion` command (the launcher in resources/bin passes `--cli`;
 * `medallion-app runs` works too) or to open its window, decided before anything else starts: no
 * single-instance lock, no window, no second copy of Chromium's state for a CLI call.
 */
import { CLI_COMMANDS } from './cli/command-names.ts'

const COMMANDS: ReadonlySet<string> = new Set(CLI_COMMANDS)

/**
 * The arguments meant for the CLI, or undefined to open the window. `argv` is `process.argv`; a packaged
 * app's arguments start after the executable, a development one's after the app's folder (`electron .`).
 * Switches before the first argument (Chromium's, e.g. `--no-sandbox`) belong to the app, not the CLI.
 */
export function cliArguments(argv: readonly string[], packaged: boolean): string[] | undefined {
  const args = argv.slice(packaged ? 1 : 2)
  const marker = args.indexOf('--cli')
  if (marker !== -1) return args.slice(marker + 1)
  const first = args.find((a) => !a.startsWith('-'))
  return first !== undefined && COMMANDS.has(first) ? args.slice(args.indexOf(first)) : undefined
}
