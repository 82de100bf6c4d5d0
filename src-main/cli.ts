/**
 * The headless entry: `medallion <command>`. Every command calls the same core as the window.
 * Exit codes: 0 success, 1 the work failed, 2 the command line was wrong.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Layer } from '../src-preload/contract.ts'
import { LAYERS } from '../src-preload/contract.ts'
import { runSummary, runsTable } from './cli/format.ts'
import { BENCH_CHILD_SOURCE, SOURCE_SCRIPTS } from './cli/source-scripts.ts'
import {
  type StackCommandIo,
  StackUsageError,
  stackDown,
  stackLogs,
  stackReset,
  stackStatus,
  stackUp,
} from './cli/stack-commands.ts'
import { followTask } from './cli/task-progress.ts'
import { pipelineWorkerBundle } from './cli/worker-bundle.ts'
import { DEFAULT_API_PORT, startApi } from './core/api/server.ts'
import { type Core, createCore } from './core/app-core.ts'
import { resolveBackends } from './core/backends.ts'
import { BENCH_USAGE, parseBenchFlags } from './core/bench/bench-flags.ts'
import { benchSummary } from './core/bench/bench-format.ts'
import { startBench } from './core/bench/bench-task.ts'
import { resolveDataDir } from './core/config.ts'
import { errorMessage } from './core/errors.ts'
import { MlService } from './core/ml/ml-service.ts'
import { parseTrainFlags, TRAIN_USAGE } from './core/ml/train-flags.ts'
import { trainSummary } from './core/ml/train-summary.ts'
import { configuredApiPort } from './core/settings/settings-env.ts'
import type { Task } from './core/tasks.ts'

const USAGE = `medallion — a small medallion lakehouse (bronze → silver → gold) on nodejs-polars

Usage: medallion <command> [options]

Commands:
  demo                 generate the original-sized sources, run the whole pipeline, print a summary
  generate             write seeded clients.csv and achats.csv to <data>/sources
      --clients N  --purchases N  --scale K  --seed S  --dirty SHARE (0..0.5)  --out DIR
  run                  run the pipeline into <data>/lake
      --from bronze|silver|gold   (default bronze)   --input DIR (a folder with clients.csv and achats.csv)
      --engine polars|spark       (default polars; spark: SPARK_MASTER_URL, the stack's Spark, or local PySpark)
  runs                 list the run history  (--limit N)
  publish              publish the current gold to MongoDB (MONGO_URL or MONGO_URI, MONGO_DB)
${BENCH_USAGE}
${TRAIN_USAGE}
  serve                the read API on http://127.0.0.1:5000 and, when the UI is built, the UI (web mode)
      --host H  --port N (or MEDALLION_API_PORT; 0 = any free port)  --web-root DIR (default out/renderer)

The stack (compose/docker-compose.yml on Docker or Podman; DOCKER_HOST picks the engine):
  up                   start MongoDB, MinIO, MLflow, Metabase; run the pipeline on MinIO; publish to MongoDB
      --profile spark (repeatable)  --skip-pipeline
  down                 stop and remove the containers (volumes are kept)
  reset                delete by scope, after showing what:  --scope containers|volumes|data  --yes
                       (volumes includes containers; data also deletes the local lake and run history)
  status               each service's state, health, ports, image, uptime; the engine in use
  logs SERVICE         --tail N  --since 10m|ISO  --search TEXT  --follow  --export FILE
      --compose FILE   another compose file (default compose/docker-compose.yml)

Options for every command:
  --data-dir DIR       the data folder (default: $MEDALLION_DATA_DIR, else ./data)
  --json               print one JSON document on stdout instead of text
  --verbose            also print each step's log lines
  -h, --help           this help
`

class UsageError extends Error {}

const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  clients: { type: 'string' },
  purchases: { type: 'string' },
  scale: { type: 'string' },
  seed: { type: 'string' },
  dirty: { type: 'string' },
  out: { type: 'string' },
  from: { type: 'string' },
  input: { type: 'string' },
  engine: { type: 'string' },
  limit: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'web-root': { type: 'string' },
  profile: { type: 'string', multiple: true },
  'skip-pipeline': { type: 'boolean', default: false },
  scope: { type: 'string' },
  yes: { type: 'boolean', default: false },
  follow: { type: 'boolean', short: 'f', default: false },
  tail: { type: 'string' },
  since: { type: 'string' },
  search: { type: 'string' },
  export: { type: 'string' },
  compose: { type: 'string' },
  kind: { type: 'string' },
  scales: { type: 'string' },
  horizon: { type: 'string' },
  clusters: { type: 'string' },
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values']

function numberOption(values: Values, name: keyof Values, integer = true): number | undefined {
  const raw = values[name]
  if (raw === undefined || typeof raw !== 'string') return undefined
  const n = Number(raw)
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0) {
    throw new UsageError(`--${name} expects a ${integer ? 'whole ' : ''}non-negative number, got "${raw}"`)
  }
  return n
}

interface Io {
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
}

/** Shows a task's progress on stderr (unless --json) until its result is in. */
async function awaitWithProgress<T>(
  core: Core,
  task: Task,
  done: Promise<T>,
  values: Values,
  io: Io,
): Promise<T> {
  const stop = followTask(core.tasks, task.id, {
    stream: io.stderr,
    verbose: values.verbose,
    quiet: values.json,
  })
  try {
    return await done
  } finally {
    stop()
  }
}

async function generate(core: Core, values: Values, io: Io) {
  const { task, done } = core.sources.generate({
    clients: numberOption(values, 'clients'),
    purchases: numberOption(values, 'purchases'),
    scale: numberOption(values, 'scale', false),
    seed: numberOption(values, 'seed'),
    dirtyShare: numberOption(values, 'dirty', false),
    outDir: values.out,
  })
  return awaitWithProgress(core, task, done, values, io)
}

async function run(core: Core, values: Values, io: Io) {
  const from = (values.from ?? 'bronze') as Layer
  if (!LAYERS.includes(from))
    throw new UsageError(`--from must be one of ${LAYERS.join(', ')}, got "${values.from}"`)
  const engine = values.engine ?? 'polars'
  if (engine !== 'polars' && engine !== 'spark')
    throw new UsageError(`--engine must be polars or spark, got "${values.engine}"`)
  const { task, done } = core.pipeline.start({ from, inputDir: values.input, engine })
  return awaitWithProgress(core, task, done, values, io)
}

/** --port, else MEDALLION_API_PORT, else the port saved in settings, else 5000. */
function portOption(values: Values, env: NodeJS.ProcessEnv, dataDir: string): number {
  const raw = values.port ?? env.MEDALLION_API_PORT?.trim()
  if (raw === undefined || raw === '') return configuredApiPort(dataDir, env, DEFAULT_API_PORT)
  if (!/^\d+$/.test(raw) || Number(raw) > 65_535) {
    throw new UsageError(`--port / MEDALLION_API_PORT expects a port from 0 to 65535, got "${raw}"`)
  }
  return Number(raw)
}

/** Serves the read API (and the built UI) until Ctrl+C. */
async function serve(core: Core, values: Values, io: Io): Promise<void> {
  const built = resolve(import.meta.dirname, '..', 'out', 'renderer')
  const webRoot = values['web-root'] ?? (existsSync(join(built, 'index.html')) ? built : undefined)
  const api = await startApi({
    handlers: core.handlers,
    store: () => core.serving.store,
    events: core.events,
    host: values.host,
    port: portOption(values, process.env, core.options.dataDir),
    webRoot,
  })
  const health = await core.serving.status()
  io.stdout.write(values.json ? `${JSON.stringify({ url: api.url, store: health })}\n` : `${api.url}\n`)
  io.stderr.write(
    `medallion: serving ${health.store} gold (${health.detail}) on ${api.url}` +
      `${webRoot ? `, the UI at ${api.url}/` : ' (read API only: no built UI, run npm run build)'}. Ctrl+C stops.\n`,
  )
  await new Promise<void>((done) => {
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
  })
  await api.close()
}

function print(io: Io, json: boolean, value: unknown, text: string): void {
  io.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`)
}

export async function main(
  argv: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let parsed: { values: Values; positionals: string[] }
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (err) {
    io.stderr.write(`medallion: ${errorMessage(err)}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  const command = positionals[0]
  if (values.help || !command) {
    io.stdout.write(USAGE)
    return command || values.help ? 0 : 2
  }
  const dataDir = resolveDataDir(values['data-dir'], process.env, 'data')
  let core: Core
  try {
    const backends = await resolveBackends(dataDir, process.env)
    if (backends.warning) io.stderr.write(`medallion: ${backends.warning}\n`)
    core = createCore({
      dataDir,
      workerEntry: pipelineWorkerBundle(),
      ...SOURCE_SCRIPTS,
      mongo: backends.mongo,
      s3: backends.s3,
      ...(values.compose ? { composeFile: resolve(values.compose) } : {}),
    })
  } catch (err) {
    return reportFailure(err, values, io)
  }
  const stackIo: StackCommandIo = {
    stdout: io.stdout,
    stderr: io.stderr,
    print: (value, text) => print(io, values.json, value, text),
    follow: ({ task, done }) => awaitWithProgress(core, task as Task, done, values, io),
  }
  try {
    switch (command) {
      case 'generate': {
        const result = await generate(core, values, io)
        print(
          io,
          values.json,
          result,
          `wrote ${result.clients} clients and ${result.purchases} purchases to ${result.clientsPath.replace(/\/clients\.csv$/, '')}`,
        )
        return 0
      }
      case 'run': {
        const record = await run(core, values, io)
        print(io, values.json, record, runSummary(record, core.lake))
        return 0
      }
      case 'demo': {
        const generated = await generate(core, { ...values, out: undefined }, io)
        const record = await run(core, { ...values, input: undefined, from: 'bronze' }, io)
        print(io, values.json, { generated, run: record }, runSummary(record, core.lake))
        return 0
      }
      case 'publish': {
        const { task, done } = core.publish()
        const summary = await awaitWithProgress(core, task, done, values, io)
        const lines = summary.collections.map(
          (c) =>
            `  ${c.name.padEnd(28)} ${String(c.total).padStart(9)} documents (${c.written} written, ${c.deleted} stale removed)`,
        )
        print(
          io,
          values.json,
          summary,
          [`published run ${summary.runId} in ${(summary.ms / 1000).toFixed(2)} s`, ...lines].join('\n'),
        )
        return 0
      }
      case 'bench': {
        const input = parseBenchFlags(values.kind, values.scales, values.engine)
        if (typeof input === 'string') throw new UsageError(input)
        const { task, done } = startBench(core, input, { childScript: BENCH_CHILD_SOURCE })
        const result = await awaitWithProgress(core, task, done, values, io)
        print(io, values.json, result, benchSummary(result))
        return 0
      }
      case 'train': {
        const input = parseTrainFlags(positionals[1], values)
        if (typeof input === 'string') throw new UsageError(input)
        const { task, done } = new MlService(core).train(input)
        const record = await awaitWithProgress(core, task, done, values, io)
        print(io, values.json, record, trainSummary(record))
        return 0
      }
      case 'serve':
        await serve(core, values, io)
        return 0
      case 'runs': {
        const runs = await core.pipeline.runs(numberOption(values, 'limit') ?? 20)
        print(io, values.json, runs, runsTable(runs))
        return 0
      }
      case 'up':
        await stackUp(core, stackIo, { profiles: values.profile ?? [], pipeline: !values['skip-pipeline'] })
        return 0
      case 'down':
        await stackDown(core, stackIo)
        return 0
      case 'reset':
        return await stackReset(core, stackIo, { scope: values.scope, yes: values.yes })
      case 'status':
        await stackStatus(core, stackIo)
        return 0
      case 'logs': {
        const stop = new AbortController()
        const interrupt = () => stop.abort()
        process.once('SIGINT', interrupt)
        try {
          await stackLogs(core, stackIo, {
            service: positionals[1],
            follow: values.follow,
            tail: numberOption(values, 'tail'),
            since: values.since,
            search: values.search,
            exportFile: values.export,
            signal: stop.signal,
          })
        } finally {
          process.off('SIGINT', interrupt)
        }
        return 0
      }
      default:
        throw new UsageError(`unknown command "${command}"`)
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof StackUsageError) {
      io.stderr.write(`medallion: ${err.message}\n\n${USAGE}`)
      return 2
    }
    return reportFailure(err, values, io)
  } finally {
    await core.close()
  }
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
