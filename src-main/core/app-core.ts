/**
 * The composition root of the core: builds every service from plain options and returns the contract's
 * handlers. The Electron main process, the CLI and web mode all start here. The lake and the serving
 * store can move while the core runs (Up moves them to the stack, Down and Reset bring them back), so
 * handlers always go through the current ones.
 */

import { join } from 'node:path'
import { AREA_CALLS } from '../../src-preload/names.ts'
import type { DataDirSource } from '../../src-preload/names-app.ts'
import { type ServedApi, servedApi } from './api/served-api.ts'
import type { AppPaths } from './app-paths.ts'
import { type RetryPolicy, retryPolicyFromEnv } from './automation/retry.ts'
import { type BackendConfig, stackBackends } from './backends.ts'
import type { LaunchNodeChild } from './child-process.ts'
import { CoreEvents } from './core-events.ts'
import { MedallionError } from './errors.ts'
import type { AreaHandlers } from './handlers/area-handlers.ts'
import { deferredHandlers } from './handlers/deferred-handlers.ts'
import { KnownSecrets } from './known-secrets.ts'
import type { Lake } from './lake/lake.ts'
import { LocalLake } from './lake/local-lake.ts'
import type { S3LakeConfig } from './lake/s3-config.ts'
import { S3Lake } from './lake/s3-lake.ts'
import { type PipelineDeps, PipelineService } from './pipeline.ts'
import type { Handlers } from './rpc.ts'
import type { MongoConfig } from './serving/mongo-config.ts'
import { startPublish } from './serving/publish-task.ts'
import { ServingService } from './serving/serving-service.ts'
import type { SecretBox } from './settings/secret-box.ts'
import {
  readSavedSettings,
  type SavedSettings,
  withSavedSettings,
  withSavedSparkMaster,
} from './settings/settings-env.ts'
import { SourcesService } from './sources.ts'
import { StackService } from './stack/stack-service.ts'
import { runDataOnStack } from './stack-data.ts'
import { TaskRegistry } from './tasks.ts'
import { userConfigDir } from './user-config-dir.ts'

export interface CoreOptions {
  /** The data folder: lake, sources, run history, metrics. */
  dataDir: string
  /**
   * The files the core reads or starts at run time: the pipeline and training workers and the benchmark's
   * child (the bundles in out/cli/), the compose file, the Spark job. One resolver finds them in the source
   * tree or in a packaged app (app-paths.ts).
   */
  paths: AppPaths
  /** Starts the benchmark's child process: Node's `spawn` by default, Electron's utilityProcess in the window. */
  launchChild?: LaunchNodeChild
  /** Starts a big run's worker as a process of its own: Node's fork by default, a utility process in the window. */
  startPlanProcess?: PipelineDeps['startPlanProcess']
  /** Starts a small run's worker thread: a new thread by default, the one started early in the CLI. */
  threads?: PipelineDeps['threads']
  /** Sources from this size on (bytes) run in a process of their own (default 128 MB; tests lower it). */
  ownProcessFromBytes?: number
  /** How many pipeline runs the history keeps. */
  keepRuns?: number
  /** Medallion's version and how the data folder was chosen, as `app.info` reports them. */
  version?: string
  dataDirSource?: DataDirSource
  /** The serving MongoDB, when configured: gold is published and served there; else the lake serves it. */
  mongo?: MongoConfig
  /** An S3 lake (MinIO), when configured: runs are stored there; else under `<dataDir>/lake`. */
  s3?: S3LakeConfig
  /** A container engine endpoint to use instead of discovery. */
  engineSocket?: string
  /** Variables for compose interpolation and stack settings (default process.env). */
  env?: Record<string, string | undefined>
  /** Encrypts the secrets of settings.json (the desktop app's keychain); without it secrets cannot be saved. */
  secretBox?: SecretBox
  /**
   * The user's configuration folder, where the stack's generated credentials live (shared by every data
   * folder); default MEDALLION_CONFIG_DIR, else the OS's (user-config-dir.ts).
   */
  configDir?: string
  /** How unattended runs and publishes (a watch, a schedule) retry transient failures; default from the
   * environment (MEDALLION_RETRY_ATTEMPTS, MEDALLION_RETRY_BASE_MS, MEDALLION_RETRY_MAX_MS), else retry.ts's. */
  retry?: RetryPolicy
  /** The clock runs are stamped with (their ids, start times); injected by tests of a clock that goes back. */
  now?: () => Date
}

export interface Core {
  readonly options: CoreOptions
  readonly events: CoreEvents
  readonly tasks: TaskRegistry
  readonly sources: SourcesService
  readonly stack: StackService
  /** The current lake, pipeline and serving store (they change when the core connects elsewhere). */
  readonly lake: Lake
  readonly pipeline: PipelineService
  readonly serving: ServingService
  /** The MongoDB the core serves from and publishes to now (the start's, or the stack's after Up). */
  readonly mongo: MongoConfig | undefined
  /**
   * settings.json as read when the core started: every endpoint and credential the services use (the
   * lake, MongoDB, MLflow, Spark) comes from it, so a saved change applies at the next start, the same
   * for every service.
   */
  readonly settingsAtStart: { saved: SavedSettings }
  /** The secrets this core knows; every task log, task error and call error is redacted with them. */
  readonly secrets: KnownSecrets
  /** The API this process serves (set by whoever starts it): Settings shows its port. */
  readonly servedApi: ServedApi
  /** How unattended work retries transient failures: pass it as a run's or a publish's `retry`. */
  readonly retryPolicy: RetryPolicy
  /** Publishes the current gold to the configured MongoDB, as a task (tried once unless `retry` says). */
  publish(options?: { retry?: RetryPolicy }): ReturnType<typeof startPublish>
  /** Moves the lake and the serving store; refused while a run, a publish or a training is under way. */
  connect(config: BackendConfig): Promise<void>
  readonly handlers: Handlers
  /**
   * Cancels every running task (and any started after) and settles once they have wound down: runs
   * recorded as cancelled, their staging removed, the data lock released. The CLI's SIGINT/SIGTERM and
   * close() (the window's quit) both stop work through it. `by` says who: "SIGINT", "Medallion closing".
   */
  cancelAll(by: string): Promise<void>
  close(): Promise<void>
}

interface Backends {
  config: BackendConfig
  lake: Lake
  pipeline: PipelineService
  serving: ServingService
}

export function createCore(options: CoreOptions): Core {
  const env = options.env ?? process.env
  const saved = readSavedSettings(options.dataDir, env, options.secretBox)
  const settingsAtStart = { saved }
  const secrets = new KnownSecrets(env, saved.values, options.mongo, options.s3)
  const events = new CoreEvents()
  const tasks = new TaskRegistry((text) => secrets.redact(text))
  const stopForwarding = events.forwardTasks(tasks)
  const sources = new SourcesService({ dataDir: options.dataDir, tasks })

  const build = (config: BackendConfig): Backends => {
    const lake: Lake = config.s3 ? new S3Lake(config.s3) : new LocalLake(join(options.dataDir, 'lake'))
    const { mongo } = config
    return {
      config,
      lake,
      pipeline: new PipelineService({
        dataDir: options.dataDir,
        lake,
        tasks,
        workerEntry: options.paths.pipelineWorker,
        sparkJob: { dir: options.paths.sparkJobDir, packaged: options.paths.packaged },
        // SPARK_MASTER_URL from the environment, else the settings at start; no other saved value (the
        // decrypted secrets) goes into the environment spark-submit inherits.
        sparkEnv: () => withSavedSparkMaster(options.env ?? process.env, saved),
        redact: (text) => secrets.redact(text),
        keepRuns: options.keepRuns,
        ...(options.startPlanProcess ? { startPlanProcess: options.startPlanProcess } : {}),
        ...(options.threads ? { threads: options.threads } : {}),
        ...(options.ownProcessFromBytes !== undefined
          ? { ownProcessFromBytes: options.ownProcessFromBytes }
          : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(config.s3 ? { s3: config.s3 } : {}),
      }),
      serving: new ServingService({
        lake,
        tasks,
        createMongoStore: mongo
          ? async () => new (await import('./serving/mongo-store.ts')).MongoStore(mongo)
          : undefined,
      }),
    }
  }
  let active = build({ mongo: options.mongo, s3: options.s3 })

  const connect = async (config: BackendConfig) => {
    const busy = tasks
      .list()
      .find((t) => t.state === 'running' && ['pipeline', 'publish', 'ml-train'].includes(t.kind))
    if (busy) {
      throw new MedallionError(
        'busy',
        `${busy.title} is under way: wait for it or cancel it before the lake or the store moves`,
      )
    }
    const previous = active
    secrets.learn(config)
    active = build(config)
    await previous.serving.close()
  }
  const retryPolicy = options.retry ?? retryPolicyFromEnv(env)
  const publish = (request: { retry?: RetryPolicy } = {}) =>
    startPublish({ tasks, lake: active.lake, mongo: active.config.mongo }, request.retry)

  const stack: StackService = new StackService({
    tasks,
    events,
    dataDir: options.dataDir,
    composeFile: options.paths.composeFile,
    env,
    ...(options.engineSocket ? { engineSocket: options.engineSocket } : {}),
    credentials: {
      configDir: options.configDir ?? userConfigDir(env),
      ...(options.secretBox ? { secretBox: options.secretBox } : {}),
    },
    dataPaths: [join(options.dataDir, 'lake'), join(options.dataDir, 'lake-cache')],
    afterUp: (endpoints, task, work) =>
      runDataOnStack(
        core,
        // The environment, then the saved settings, win over the stack's own endpoints.
        stackBackends(endpoints, options.dataDir, withSavedSettings(env, saved)),
        task,
        work,
      ),
    // Back to what the environment says, the embedded default when it says nothing.
    afterDown: () => connect({ mongo: options.mongo, s3: options.s3 }),
  })

  const handlers = {} as Handlers
  const coreHandlers: Omit<Handlers, keyof AreaHandlers> = {
    'sources.generate': async (args) => ({ taskId: sources.generate(args).task.id }),
    'pipeline.run': async (args) => ({ taskId: active.pipeline.start(args).task.id }),
    'pipeline.runs': async ({ limit }) => active.pipeline.runs(limit),
    'serving.publish': async () => ({ taskId: publish().task.id }),
    'serving.status': () => active.serving.status(),
    'data.kpis': () => active.serving.kpis(),
    'data.table': (args) => active.serving.table(args),
    'tasks.list': async () => tasks.list(),
    'tasks.cancel': async ({ id }) => ({ cancelled: tasks.cancel(id) }),
    'stack.status': () => stack.status(),
    'stack.up': async (args) => ({ taskId: stack.up(args).task.id }),
    'stack.down': async () => ({ taskId: stack.down().task.id }),
    'stack.resetPreview': ({ scope }) => stack.previewReset(scope),
    'stack.reset': async ({ scope }) => ({ taskId: stack.reset(scope).task.id }),
    'stack.logs': (args) => stack.logs(args),
  }
  const cancelAll = (by: string) => tasks.cancelAll(by)
  const close = async () => {
    await cancelAll('Medallion closing')
    stack.close()
    stopForwarding()
    await active.serving.close()
  }
  const core: Core = {
    options,
    settingsAtStart,
    secrets,
    servedApi: servedApi(),
    retryPolicy,
    events,
    tasks,
    sources,
    stack,
    get lake() {
      return active.lake
    },
    get pipeline() {
      return active.pipeline
    },
    get serving() {
      return active.serving
    },
    get mongo() {
      return active.config.mongo
    },
    publish,
    connect,
    handlers,
    cancelAll,
    close,
  }
  const loadAreaHandlers = async () => (await import('./handlers/area-handlers.ts')).areaHandlers(core)
  Object.assign(
    handlers,
    redactedErrors(
      { ...coreHandlers, ...deferredHandlers<AreaHandlers>(AREA_CALLS, loadAreaHandlers) } as Handlers,
      secrets,
    ),
  )
  return core
}

/** Every call's error message redacted with the core's secrets, whichever binding (IPC, HTTP, CLI) asked. */
function redactedErrors(handlers: Handlers, secrets: KnownSecrets): Handlers {
  const out = {} as Record<string, (args: unknown) => Promise<unknown>>
  for (const [name, handler] of Object.entries(handlers) as [string, (args: unknown) => Promise<unknown>][]) {
    out[name] = async (args) => {
      try {
        return await handler(args)
      } catch (err) {
        if (err instanceof Error) err.message = secrets.redact(err.message)
        throw typeof err === 'string' ? secrets.redact(err) : err
      }
    }
  }
  return out as Handlers
}
