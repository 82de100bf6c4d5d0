/**
 * The models as the contract and the CLI see them: `train` starts a training as a task (kind
 * ML_TASK_KIND), `runs` lists the recorded trainings with MLflow's status and, when it answers, each
 * linked run's status there (a run deleted in MLflow shows as `missing`).
 */
import {
  ML_TASK_KIND,
  type MlRunRecord,
  type MlRuns,
  type MlTrainArgs,
} from '../../../src-preload/contract-ml.ts'
import type { Core } from '../app-core.ts'
import type { RetryPolicy } from '../automation/retry.ts'
import type { Task } from '../tasks.ts'
import { type MlflowLocation, mlflowClient, mlflowLocation, mlflowStatus } from './mlflow-location.ts'
import { readRunRecords } from './run-log.ts'
import { mlflowSources, runTraining } from './training-run.ts'

const TITLES = { predictor: 'Train the predictor', advisor: 'Train the advisor' } as const

export class MlService {
  constructor(private readonly core: Core) {}

  /** `retry`: how an unattended training asks an MLflow that does not answer again (default once). */
  train(args: MlTrainArgs, retry?: RetryPolicy): { task: Task; done: Promise<MlRunRecord> } {
    return this.core.tasks.run(ML_TASK_KIND, TITLES[args.model], (task) =>
      runTraining(this.core, args, task, retry),
    )
  }

  async runs(filter: { model?: MlTrainArgs['model']; limit: number }): Promise<MlRuns> {
    const runs = readRunRecords(this.core.options.dataDir, filter)
    const location = await mlflowLocation(mlflowSources(this.core))
    const mlflow = await mlflowStatus(location, this.core.options.dataDir)
    if (mlflow.reachable && location.uri) await markMlflowStatus(runs, { ...location, uri: location.uri })
    return { runs, mlflow }
  }
}

/** Each linked run's status in MLflow, asked once per experiment; left unset when MLflow cannot say. */
async function markMlflowStatus(
  runs: MlRunRecord[],
  location: MlflowLocation & { uri: string },
): Promise<void> {
  const linked = runs.filter((r) => r.mlflow?.trackingUri === location.uri)
  const experiments = [...new Set(linked.map((r) => r.mlflow?.experimentId as string))]
  if (experiments.length === 0) return
  try {
    const found = await mlflowClient(location, 5_000).searchRuns(experiments)
    const status = new Map(found.map((run) => [run.info.run_id, run.info.status]))
    for (const r of linked) if (r.mlflow) r.mlflow.status = status.get(r.mlflow.runId) ?? 'missing'
  } catch {
    // The list stays useful without MLflow's word on each run.
  }
}
