/**
 * The composition root of the core: builds every service from plain options and returns the contract's
 * handlers. The Electron main process, the CLI and web mode all start here.
 */
import type { Handlers } from './rpc.ts'
import { TaskRegistry } from './tasks.ts'

export interface CoreOptions {
  /** The data folder: lake, sources, run history, metrics. */
  dataDir: string
  /**
   * A script `new Worker()` can start for a pipeline run. Inside Electron it is the bundled worker
   * (electron-vite `?modulePath`); from the CLI and the tests it is the tsx bootstrap.
   */
  workerEntry: string | URL
}

export interface Core {
  readonly options: CoreOptions
  readonly tasks: TaskRegistry
  readonly handlers: Handlers
  close(): Promise<void>
}

export function createCore(options: CoreOptions): Core {
  const tasks = new TaskRegistry()
  const notYet = async (): Promise<never> => {
    throw new Error('not implemented yet')
  }
  const handlers: Handlers = {
    'pipeline.run': notYet,
    'pipeline.runs': notYet,
    'tasks.list': async () => tasks.list(),
    'tasks.cancel': async ({ id }) => ({ cancelled: tasks.cancel(id) }),
  }
  return { options, tasks, handlers, close: async () => {} }
}
