/**
 * One training from start to record: the current gold (its run id is the data version), an MLflow run
 * opened first when MLflow answers, the work in a worker thread, the predictions committed to gold, the
 * run's params, metrics and artifacts logged, and the record kept locally (and in MongoDB when serving
 * from it). Whatever fails, the MLflow run is ended FAILED (KILLED on cancel) and a failed record kept.
 */
import { join } from 'node:path'
import type { TrainJob, TrainOutcome } from '../../../pipelines/ml/train-job.ts'
import type { MlflowRunLink, MlRunRecord, MlTrainArgs } from '../../../src-preload/contract-ml.ts'
import type { Core } from '../app-core.ts'
import { type RetryPolicy, SINGLE_ATTEMPT, withRetries } from '../automation/retry.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import { newRunId } from '../lake/lake.ts'
import type { Task } from '../tasks.ts'
import { MlflowError } from './mlflow-client.ts'
import { mlflowLocation, mlflowStatus } from './mlflow-location.ts'
import { TrackedRun } from './mlflow-tracking.ts'
import { saveRunToMongo } from './mongo-run-log.ts'
import { commitPredictions } from './prediction-commit.ts'
import { appendRunRecord, artifactsFolder } from './run-log.ts'
import { runTrainingWorker } from './training-worker.ts'

/** The core's view of where settings come from, for finding MLflow. */
export function mlflowSources(core: Core) {
  return {
    dataDir: core.options.dataDir,
    env: core.options.env ?? process.env,
    ...(core.options.secretBox ? { secretBox: core.options.secretBox } : {}),
    // The settings as the core started with them: an endpoint saved since applies at the next start.
    saved: core.settingsAtStart.saved,
    stackPlan: () => core.stack.plan(),
  }
}

/**
 * Opens the MLflow run, or says why the training is recorded locally only. An MLflow that does not answer
 * is asked again as `retry` says (an unattended training); a training is never failed by MLflow.
 */
async function openTracking(
  core: Core,
  args: MlTrainArgs,
  id: string,
  dataVersion: string,
  task: Task,
  retry: RetryPolicy,
): Promise<{ tracked?: TrackedRun; note?: string }> {
  const location = await mlflowLocation(mlflowSources(core))
  const uri = location.uri
  if (!uri) return { note: (await mlflowStatus(location, core.options.dataDir)).detail }
  const open = async () => {
    const status = await mlflowStatus(location, core.options.dataDir)
    if (!status.reachable) throw new MlflowError('mlflow_unreachable', status.detail)
    try {
      return await TrackedRun.start({ ...location, uri }, args.model, `${args.model}-${id}`, [
        { key: 'medallion.data_version', value: dataVersion },
        { key: 'medallion.training_id', value: id },
        { key: 'medallion.model', value: args.model },
        { key: 'mlflow.source.name', value: 'medallion' },
      ])
    } catch (err) {
      // Still transient when the server went away between the health check and the call.
      throw new MlflowError(
        err instanceof MlflowError && err.code === 'mlflow_unreachable'
          ? 'mlflow_unreachable'
          : 'mlflow_error',
        `MLflow at ${uri} could not open a run: ${errorMessage(err)}`,
      )
    }
  }
  try {
    const log = (line: string) => task.log(line)
    return {
      tracked: await withRetries(open, {
        policy: retry,
        what: 'opening the MLflow run',
        log,
        signal: task.signal,
      }),
    }
  } catch (err) {
    if (task.signal.aborted) throw err
    return { note: errorMessage(err) }
  }
}

/** Keeps the record locally, and in MongoDB when the core serves from it (a MongoDB failure is only logged). */
async function keepRecord(core: Core, kept: MlRunRecord, task: Task): Promise<void> {
  // The record outlives the process (runs.jsonl, MongoDB): its free text is redacted like a task's.
  const { secrets } = core
  const record: MlRunRecord = {
    ...kept,
    ...(kept.error !== undefined ? { error: secrets.redact(kept.error) } : {}),
    ...(kept.mlflowNote !== undefined ? { mlflowNote: secrets.redact(kept.mlflowNote) } : {}),
  }
  appendRunRecord(core.options.dataDir, record)
  const mongo = core.serving.store.kind === 'mongo' ? core.mongo : undefined
  if (!mongo) return
  try {
    await saveRunToMongo(mongo, record)
  } catch (err) {
    task.log(errorMessage(err))
  }
}

/** Logs the outcome to MLflow and finishes the run; returns a note when MLflow did not take it all. */
async function logToMlflow(
  tracked: TrackedRun,
  outcome: TrainOutcome,
  outDir: string,
  predictionsRunId: string | undefined,
): Promise<string | undefined> {
  try {
    const tags: Record<string, string> = predictionsRunId
      ? { 'medallion.predictions_run': predictionsRunId }
      : {}
    await tracked.record(
      { params: outcome.params, metrics: outcome.metrics, tags },
      outDir,
      outcome.artifacts,
    )
    return await tracked.end('FINISHED')
  } catch (err) {
    const note = `logging to MLflow failed: ${errorMessage(err)}`
    return [note, await tracked.end('FAILED', note)].filter(Boolean).join('; ')
  }
}

export async function runTraining(
  core: Core,
  args: MlTrainArgs,
  task: Task,
  retry: RetryPolicy = SINGLE_ATTEMPT,
): Promise<MlRunRecord> {
  const dataDir = core.options.dataDir
  const started = new Date()
  const id = newRunId(started)
  const outDir = artifactsFolder(dataDir, id)
  const base = { id, model: args.model, startedAt: started.toISOString(), artifactsDir: outDir }
  let tracked: TrackedRun | undefined
  let mlflow: MlflowRunLink | undefined
  let mlflowNote: string | undefined
  let dataVersion: string | undefined
  try {
    const source = await core.lake.currentRun()
    if (!source?.layers.gold) {
      throw new MedallionError(
        'no_gold',
        'nothing to train on: no pipeline run has succeeded yet; run the pipeline first (`medallion run`)',
      )
    }
    dataVersion = source.runId
    task.log(`training ${args.model} ${id} on the gold of run ${source.runId}`)
    task.progress(0.02, 'connecting to MLflow')
    ;({ tracked, note: mlflowNote } = await openTracking(core, args, id, source.runId, task, retry))
    mlflow = tracked?.link
    task.log(mlflow ? `MLflow run ${mlflow.url}` : `not tracked in MLflow: ${mlflowNote}`)

    const job: TrainJob = {
      model: args.model,
      goldDir: await core.lake.localLayerDir(source.layers.gold),
      outDir,
      mlRunId: id,
      horizonDays: args.horizonDays,
      clusters: args.clusters,
      seed: args.seed,
    }
    task.progress(0.04, 'starting the training worker')
    const outcome = await runTrainingWorker(core, job, task.signal, (f, label) =>
      task.progress(0.05 + 0.8 * f, label),
    )
    task.log(outcome.summary)

    let predictionsRunId: string | undefined
    if (outcome.predictions) {
      task.progress(0.88, 'saving predictions to gold')
      const committed = await commitPredictions(core.lake, dataDir, {
        source,
        file: join(outDir, outcome.predictions.file),
        rows: outcome.predictions.rows,
        ms: outcome.predictions.ms,
      })
      predictionsRunId = committed.runId
      core.serving.runCommitted()
      task.log(
        `client_predictions (${outcome.predictions.rows} rows) committed to gold as run ${committed.runId}`,
      )
    }
    if (tracked) {
      task.progress(0.93, 'logging to MLflow')
      mlflowNote = await logToMlflow(tracked, outcome, outDir, predictionsRunId)
      if (mlflowNote) task.log(mlflowNote)
    }
    const { summary: _summary, artifacts: _artifacts, predictions: _predictions, ...results } = outcome
    const record: MlRunRecord = {
      ...base,
      ...results,
      status: 'finished',
      finishedAt: new Date().toISOString(),
      dataVersion,
      ...(predictionsRunId ? { predictionsRunId } : {}),
      ...(mlflow ? { mlflow } : {}),
      ...(mlflowNote ? { mlflowNote } : {}),
    }
    await keepRecord(core, record, task)
    task.progress(1, outcome.summary)
    return record
  } catch (err) {
    const cancelled = task.signal.aborted
    const error = cancelled ? errorMessage(task.signal.reason) : errorMessage(err)
    const notEnded = tracked ? await tracked.end(cancelled ? 'KILLED' : 'FAILED', error) : undefined
    const note = [mlflowNote, notEnded].filter(Boolean).join('; ')
    await keepRecord(
      core,
      {
        ...base,
        status: cancelled ? 'cancelled' : 'failed',
        finishedAt: new Date().toISOString(),
        ...(dataVersion ? { dataVersion } : {}),
        params: {
          horizon_days: String(args.horizonDays),
          n_clusters: String(args.clusters),
          seed: String(args.seed),
        },
        metrics: {},
        ...(mlflow ? { mlflow } : {}),
        ...(note ? { mlflowNote: note } : {}),
        error,
      },
      task,
    ).catch(() => {})
    throw err
  }
}
