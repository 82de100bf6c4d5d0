/**
 * Every file Medallion reads from disk at run time, found in one place: the source tree in development
 * (a clone, `npx medallion`), the app and its resources folder when packaged by electron-builder
 * (`app.asar` for the code, `process.resourcesPath` for what another process or the user reads).
 *
 * Layout (development → packaged):
 *   <root>/out/cli/*.mjs            → app.asar/out/cli/*.mjs          the CLI and worker bundles
 *   <root>/out/renderer/            → app.asar/out/renderer/          the UI
 *   <root>/compose/                 → resources/compose/              the stack's compose file
 *   <root>/pipelines/spark/         → resources/pipelines/spark/      the Spark job (Python imports it as the
 *                                                                     package pipelines.spark)
 */
import { join } from 'node:path'

export interface AppPaths {
  /** True in a packaged app: local Spark then needs the user's own PySpark, and the source tree is absent. */
  packaged: boolean
  /** The pipeline worker thread, the training worker thread, the pipeline benchmark's child process. */
  pipelineWorker: string
  mlWorker: string
  benchChild: string
  /** The built UI served by web mode (and by the window's custom scheme). */
  webRoot: string
  composeFile: string
  sparkJobDir: string
}

/** Where the CLI and worker bundles are built, under the app's root. */
export const CLI_BUNDLE_DIR = join('out', 'cli')

/**
 * `appRoot` is the folder holding package.json and out/ (the repository, or `app.asar`); `resourcesPath`
 * is given only by a packaged app (Electron's `process.resourcesPath`).
 */
export function appPaths(appRoot: string, resourcesPath?: string): AppPaths {
  const bundles = join(appRoot, CLI_BUNDLE_DIR)
  return {
    packaged: resourcesPath !== undefined,
    pipelineWorker: join(bundles, 'pipeline-worker.mjs'),
    mlWorker: join(bundles, 'ml-worker.mjs'),
    benchChild: join(bundles, 'bench-child.mjs'),
    webRoot: join(appRoot, 'out', 'renderer'),
    composeFile: resourcesPath
      ? join(resourcesPath, 'compose', 'docker-compose.yml')
      : join(appRoot, 'compose', 'docker-compose.yml'),
    sparkJobDir: join(resourcesPath ?? appRoot, 'pipelines', 'spark'),
  }
}
