/**
 * Starts a run for a schedule or a saved watch, as a person would: through the pipeline service (the data
 * lock, the record), marked with its trigger and the schedule's or watch's id, then publishes and trains
 * as configured. Each step is logged; a failed step stops the ones after it.
 */
import type { ScheduleInputSpec } from '../../../src-preload/contract-schedules.ts'
import { ML_DEFAULTS } from '../../../src-preload/names-ml.ts'
import type { SCHEDULE_TRAIN_MODELS } from '../../../src-preload/names-schedules.ts'
import type { Core } from '../app-core.ts'
import type { PipelineEngine } from '../pipeline.ts'
import { resolveRunInput } from './run-input.ts'

export interface AutomatedRun {
  trigger: 'schedule' | 'watch'
  /** The schedule's or the watch's id. */
  triggeredBy: string
  input: ScheduleInputSpec
  engine: PipelineEngine
  publish: boolean
  train?: (typeof SCHEDULE_TRAIN_MODELS)[number]
}

/** Runs the pipeline, then publish and train as asked; resolves once all are done, rejects on the first failure. */
export async function startAutomatedRun(
  // The whole core: training (MlService) takes it.
  core: Core,
  run: AutomatedRun,
  log: (line: string) => void,
): Promise<void> {
  const who = `${run.trigger} ${run.triggeredBy}`
  const inputDir = await resolveRunInput(run.input, core.options.dataDir, core.lake)
  const started = core.pipeline.start({
    from: 'bronze',
    engine: run.engine,
    trigger: run.trigger,
    triggeredBy: run.triggeredBy,
    // Nobody watches an unattended run: transient failures are retried with backoff.
    retry: core.retryPolicy,
    ...(inputDir ? { inputDir } : {}),
  })
  log(`${who}: run started (task ${started.task.id}${inputDir ? `, input ${inputDir}` : ''})`)
  const record = await started.done
  log(`${who}: run ${record.runId} ${record.status}`)
  if (run.publish) {
    await core.publish({ retry: core.retryPolicy }).done
    log(`${who}: published run ${record.runId}`)
  }
  if (run.train) {
    const { MlService } = await import('../ml/ml-service.ts')
    const trained = await new MlService(core).train(
      {
        model: run.train,
        horizonDays: ML_DEFAULTS.horizonDays,
        clusters: ML_DEFAULTS.clusters,
        seed: ML_DEFAULTS.seed,
      },
      core.retryPolicy,
    ).done
    log(`${who}: trained the ${run.train} (${trained.id} ${trained.status})`)
  }
}
