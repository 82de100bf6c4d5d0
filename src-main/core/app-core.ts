/**
 * The composition root of the core: builds every service from plain options and returns the contract's
 * handlers. The Electron main process, the CLI and web mode all start here.
 */
import { join } from 'node:path'
import type { Lake } from './lake/lake.ts'
import { LocalLake } from './lake/local-lake.ts'
import type { S3LakeConfig } from './lake/s3-config.ts'
import { S3Lake } from './lake/s3-lake.ts'
import { PipelineService } from './pipeline.ts'
import type { Handlers } from './rpc.ts'
import type { MongoConfig } from './serving/mongo-config.ts'
import { MongoStore } from './serving/mongo-store.ts'
import { startPublish } from './serving/publish-task.ts'
import { ServingService } from './serving/serving-service.ts'
import { SourcesService } from './sources.ts'
import { TaskRegistry } from './tasks.ts'

export interface CoreOptions {
  /** The data folder: lake, sources, run history, metrics. */
  dataDir: string
  /**
   * A script `new Worker()` can start for a pipeline run. Inside Electron it is the bundled worker
   * (electron-vite `?modulePath`); from the CLI and the tests it is an esbuild bundle of the same worker.
   */
  workerEntry: string | URL
  /** How many pipeline runs the history keeps. */
  keepRuns?: number
  /** The serving MongoDB, when configured: gold is published and served there; else the lake serves it. */
  mongo?: MongoConfig
  /** An S3 lake (MinIO), when configured: runs are stored there; else under `<dataDir>/lake`. */
  s3?: S3LakeConfig
}

export interface Core {
  readonly options: CoreOptions
  readonly lake: Lake
  readonly tasks: TaskRegistry
  readonly pipeline: PipelineService
  readonly sources: SourcesService
  readonly serving: ServingService
  /** Publishes the current gold to the configured MongoDB, as a task. */
  publish(): ReturnType<typeof startPublish>
  readonly handlers: Handlers
  close(): Promise<void>
}

export function createCore(options: CoreOptions): Core {
  const tasks = new TaskRegistry()
  const lake: Lake = options.s3 ? new S3Lake(options.s3) : new LocalLake(join(options.dataDir, 'lake'))
  const pipeline = new PipelineService({
    dataDir: options.dataDir,
    lake,
    tasks,
    workerEntry: options.workerEntry,
    keepRuns: options.keepRuns,
  })
  const sources = new SourcesService({ dataDir: options.dataDir, tasks })
  const { mongo } = options
  const serving = new ServingService({
    lake,
    tasks,
    createMongoStore: mongo ? () => new MongoStore(mongo) : undefined,
  })
  const publish = () => startPublish({ tasks, lake, mongo })
  const handlers: Handlers = {
    'sources.generate': async (args) => ({ taskId: sources.generate(args).task.id }),
    'pipeline.run': async (args) => ({ taskId: pipeline.start(args).task.id }),
    'pipeline.runs': async ({ limit }) => pipeline.runs(limit),
    'serving.publish': async () => ({ taskId: publish().task.id }),
    'serving.status': () => serving.status(),
    'data.kpis': () => serving.kpis(),
    'data.table': (args) => serving.table(args),
    'tasks.list': async () => tasks.list(),
    'tasks.cancel': async ({ id }) => ({ cancelled: tasks.cancel(id) }),
  }
  const close = async () => {
    for (const t of tasks.list()) if (t.state === 'running') tasks.cancel(t.id)
    await serving.close()
  }
  return { options, lake, tasks, pipeline, sources, serving, publish, handlers, close }
}
