/**
 * The headless entry: `medallion <command>`. Every command calls the same core as the window. Each
 * command's code (and the libraries it needs: the container engine client, the MongoDB driver, Polars,
 * the HTTP server) loads only when that command runs, so `medallion runs` starts in a fraction of a second.
 * Exit codes: 0 success, 1 the work failed, 2 the command line was wrong, 130/143 cancelled by SIGINT or
 * SIGTERM (cli/signal-cancel.ts).
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { DataDirSource } from '../src-preload/names-app.ts'
import { type CommandIo, UsageError } from './cli/command-io.ts'
import type { CliCommand } from './cli/command-names.ts'
import { OPTIONS, TOKEN_FLAG_HINT, type Values } from './cli/options.ts'
import { cancelOnSignals, type SignalCancel } from './cli/signal-cancel.ts'
import { USAGE } from './cli/usage.ts'
import type { Core, CoreOptions } from './core/app-core.ts'
import type { AppPaths } from './core/app-paths.ts'
import type { LaunchNodeChild } from './core/child-process.ts'
import { chooseDataDir } from './core/config.ts'
import { errorMessage } from './core/errors.ts'
import { protectDataFolder } from './core/private-files.ts'
import { warmWorkerThread } from './core/warm-worker.ts'

/** What differs between `npx medallion` in a clone and the CLI carried by the installed app. */
export interface CliContext {
  paths: AppPaths
  /** The data folder when neither --data-dir nor MEDALLION_DATA_DIR names one, and what chose it. */
  defaultDataDir: { dir: string; source: DataDirSource }
  /** How the benchmark's child process starts (Node's spawn by default; the app's utilityProcess). */
  launchChild?: LaunchNodeChild
  /** How a big run's worker process starts (Node's fork by default; the app's utilityProcess). */
  startPlanProcess?: CoreOptions['startPlanProcess']
  version: string
  /** Log files a diagnostics zip includes (the installed app's main-process log). */
  logFiles?: string[]
  /** The user's configuration folder (the installed app's userData); default user-config-dir.ts's. */
  configDir?: string
}

interface Io {
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
}

type Command = (
  core: Core,
  values: Values,
  io: CommandIo,
  positionals: string[],
  context: CliContext,
) => Promise<number>

const pipeline = () => import('./cli/pipeline-commands.ts')
const stack = () => import('./cli/stack-commands.ts')

/** Each command's code, imported when it runs. */
const COMMANDS: Record<CliCommand, () => Promise<Command>> = {
  generate: async () => (await pipeline()).generateCommand,
  run: async () => (await pipeline()).runCommand,
  demo: async () => (await pipeline()).demoCommand,
  runs: async () => (await pipeline()).runsCommand,
  show: async () => (await import('./cli/show-command.ts')).showCommand,
  publish: async () => (await pipeline()).publishCommand,
  serve: async () => (await import('./cli/serve-command.ts')).serveCommand,
  schedule: async () => (await import('./cli/schedule-command.ts')).scheduleCommand,
  watch: async () => (await import('./cli/watch-command.ts')).watchCommand,
  diagnostics: async () => (await import('./cli/diagnostics-command.ts')).diagnosticsCommand,
  bench: async () => (await import('./cli/bench-command.ts')).benchCommand,
  train: async () => (await import('./cli/train-command.ts')).trainCommand,
  up: async () => (await stack()).upCommand,
  down: async () => (await stack()).downCommand,
  reset: async () => (await stack()).resetCommand,
  status: async () => (await stack()).statusCommand,
  logs: async () => (await stack()).logsCommand,
}

/** The commands that run the pipeline: their worker thread starts first, loading Polars meanwhile. */
const RUNS_PIPELINE: ReadonlySet<string> = new Set<CliCommand>(['run', 'demo'])

/** The commands SIGINT and SIGTERM cancel cleanly, and what stays as it was when they do. */
const CANCELLED_OUTCOME: Partial<Record<CliCommand, string>> = {
  run: 'the previous gold stays current',
  demo: 'the previous gold stays current',
  generate: 'the previous sources stay as they were',
  publish: 'MongoDB may hold part of this publish: publish again to complete it',
  train: 'nothing was saved to gold',
}

async function startCore(
  values: Values,
  context: CliContext,
  io: Io,
  threads?: CoreOptions['threads'],
): Promise<Core> {
  const data = chooseDataDir(values['data-dir'], process.env, context.defaultDataDir)
  const [{ createCore }, { resolveBackends }] = await Promise.all([
    import('./core/app-core.ts'),
    import('./core/backends.ts'),
  ])
  const exposed = protectDataFolder(data.dir)
  if (exposed) io.stderr.write(`medallion: ${exposed}\n`)
  const backends = await resolveBackends(data.dir, process.env, undefined, context.configDir)
  if (backends.warning) io.stderr.write(`medallion: ${backends.warning}\n`)
  return createCore({
    ...(context.configDir ? { configDir: context.configDir } : {}),
    dataDir: data.dir,
    dataDirSource: data.source,
    version: context.version,
    paths: values.compose ? { ...context.paths, composeFile: resolve(values.compose) } : context.paths,
    ...(context.launchChild ? { launchChild: context.launchChild } : {}),
    ...(context.startPlanProcess ? { startPlanProcess: context.startPlanProcess } : {}),
    ...(threads ? { threads } : {}),
    mongo: backends.mongo,
    s3: backends.s3,
  })
}

function commandIo(io: Io, values: Values, core: () => Core, interrupt?: SignalCancel): CommandIo {
  return {
    stdout: io.stdout,
    stderr: io.stderr,
    print: (value, text) =>
      io.stdout.write(values.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`),
    follow: async ({ task, done }) => {
      const { followTask } = await import('./cli/task-progress.ts')
      const stop = followTask(core().tasks, task.id, {
        stream: io.stderr,
        verbose: values.verbose,
        quiet: values.json,
      })
      // The cancel line replaces the progress bar, and nothing is drawn after it.
      interrupt?.beforeLine(stop)
      try {
        return await done
      } finally {
        stop()
      }
    },
  }
}

export async function main(
  argv: string[],
  context: CliContext,
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let parsed: { values: Values; positionals: string[] }
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (err) {
    const tokenFlag = argv.some((a) => a === '--token' || a.startsWith('--token='))
    io.stderr.write(`medallion: ${errorMessage(err)}${tokenFlag ? `: ${TOKEN_FLAG_HINT}` : ''}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  const name = positionals[0]
  if (values.version) {
    io.stdout.write(`medallion ${context.version}\n`)
    return 0
  }
  if (values.help || !name) {
    io.stdout.write(USAGE)
    return name || values.help ? 0 : 2
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name as CliCommand] : undefined
  if (!load) {
    io.stderr.write(`medallion: unknown command "${name}"\n\n${USAGE}`)
    return 2
  }
  let core: Core | undefined
  const threads = RUNS_PIPELINE.has(name) ? warmWorkerThread(context.paths.pipelineWorker) : undefined
  const coreStarted = startCore(values, context, io, threads)
  const outcome = CANCELLED_OUTCOME[name as CliCommand]
  const interrupt = outcome
    ? cancelOnSignals({
        // A signal before the core is up cancels the tasks it then starts (cancelAll refuses new ones).
        cancel: (by) => coreStarted.then((c) => c.cancelAll(by)).catch(() => {}),
        stderr: io.stderr,
        outcome,
      })
    : undefined
  try {
    const [command, started] = await Promise.all([load(), coreStarted])
    core = started
    const code = await command(
      started,
      values,
      commandIo(io, values, () => started, interrupt),
      positionals,
      context,
    )
    return interrupt?.exitCode === undefined ? code : await cancelledExit(interrupt, values, io)
  } catch (err) {
    if (interrupt?.exitCode !== undefined) return await cancelledExit(interrupt, values, io)
    if (err instanceof UsageError) {
      io.stderr.write(`medallion: ${err.message}\n\n${USAGE}`)
      return 2
    }
    return reportFailure(err, values, io)
  } finally {
    await core?.close()
    interrupt?.dispose()
  }
}

/** After a signal: the work has wound down; its one line is already on stderr. */
async function cancelledExit(interrupt: SignalCancel, values: Values, io: Io): Promise<number> {
  await interrupt.cancelled
  if (values.json)
    io.stdout.write(
      `${JSON.stringify({ error: { code: 'cancelled', message: `cancelled by ${interrupt.signal}` } })}\n`,
    )
  return interrupt.exitCode as number
}

/** A failure the user can act on: its message on stderr (and as JSON with --json); exit code 1. */
function reportFailure(err: unknown, values: Values, io: Io): number {
  const code = (err as { code?: string }).code
  if (values.json)
    io.stdout.write(
      `${JSON.stringify({ error: { code: code ?? 'internal', message: errorMessage(err) } })}\n`,
    )
  io.stderr.write(`medallion: ${errorMessage(err)}\n`)
  return 1
}
