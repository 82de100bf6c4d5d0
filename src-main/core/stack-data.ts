/**
 * What Up does once the stack's services are healthy, as the original's `tools.run up` meant to: the
 * core moves to the stack (the lake on MinIO, serving from MongoDB), sources are generated when there
 * are none, the pipeline runs on MinIO and its gold is published to the stack's MongoDB.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Core } from './app-core.ts'
import type { BackendConfig } from './backends.ts'
import type { ProgressCallback } from './stack/progress.ts'
import { progressSlice } from './stack/progress.ts'
import { followChild } from './task-follow.ts'
import type { Task } from './tasks.ts'

export interface StackDataOutcome extends Record<string, unknown> {
  runId?: string
  publishedDocuments?: number
}

function hasSources(dataDir: string): boolean {
  return ['csv', 'parquet'].some((ext) => existsSync(join(dataDir, 'sources', `clients.${ext}`)))
}

export async function runDataOnStack(
  core: Core,
  backends: BackendConfig,
  task: Task,
  work: { pipeline: boolean; onProgress: ProgressCallback },
): Promise<StackDataOutcome> {
  await core.connect(backends)
  task.log(
    `lake: ${core.lake.location}; serving: ${backends.mongo ? `MongoDB database ${backends.mongo.db}` : 'the embedded store'}`,
  )
  if (!work.pipeline) return {}
  const { tasks, dataDir } = { tasks: core.tasks, dataDir: core.options.dataDir }
  if (!hasSources(dataDir)) {
    task.log('no sources yet: generating them (the original’s size, seed 42)')
    await followChild(
      tasks,
      task,
      core.sources.generate({ seed: 42, dirtyShare: 0 }),
      progressSlice(work.onProgress, 0, 0.1),
    )
  }
  const run = await followChild(
    tasks,
    task,
    core.pipeline.start({ from: 'bronze', trigger: 'stack' }),
    progressSlice(work.onProgress, 0.1, 0.7),
  )
  task.log(`pipeline run ${run.runId} committed to ${core.lake.describeFolder(run.layers.gold ?? '')}`)
  if (!backends.mongo) return { runId: run.runId }
  const summary = await followChild(tasks, task, core.publish(), progressSlice(work.onProgress, 0.7, 1))
  const publishedDocuments = summary.collections.reduce((n, c) => n + c.total, 0)
  task.log(`published ${publishedDocuments} documents to MongoDB`)
  return { runId: run.runId, publishedDocuments }
}
