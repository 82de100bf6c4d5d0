/**
 * The sample data of the first launch and of `medallion demo`: the original's sources (its sizes, seed 42)
 * written to the data folder's sources/, then a whole pipeline run over them, as one task.
 */
import type { GenerateResult } from '../../pipelines/generate/generate.ts'
import type { RunRecord } from '../../src-preload/contract.ts'
import { SAMPLE_TASK_KIND } from '../../src-preload/names-app.ts'
import type { PipelineService } from './pipeline.ts'
import type { SourcesService } from './sources.ts'
import { followChild } from './task-follow.ts'
import type { Task, TaskRegistry } from './tasks.ts'

export interface SampleOutcome {
  generated: GenerateResult
  run: RunRecord
}

export function startSample(deps: {
  tasks: TaskRegistry
  sources: Pick<SourcesService, 'generate'>
  pipeline: Pick<PipelineService, 'start'>
}): { task: Task; done: Promise<SampleOutcome> } {
  const { tasks } = deps
  return tasks.run(SAMPLE_TASK_KIND, 'Sample data', async (task) => {
    const generated = await followChild(tasks, task, deps.sources.generate({}), (fraction, step) =>
      task.progress(fraction * 0.3, step),
    )
    task.log(`${generated.clients} clients and ${generated.purchases} purchases written`)
    const run = await followChild(tasks, task, deps.pipeline.start({ from: 'bronze' }), (fraction, step) =>
      task.progress(0.3 + fraction * 0.7, step),
    )
    task.log(`pipeline run ${run.runId} committed`)
    return { generated, run }
  })
}
