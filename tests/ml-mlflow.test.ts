/**
 * Trainings tracked in a real MLflow tracking server (started by tests/helpers/mlflow.ts): the run with
 * its params, metrics, tags and artifacts, the stored link resolving to it, a new run per training, the
 * predictions served from gold, log-batch split within MLflow's limits, a failed training never left
 * RUNNING, MLflow down recorded locally with a clear message, and the records kept in MongoDB.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Core, type CoreOptions, createCore } from '../src-main/core/app-core.ts'
import { MlService } from '../src-main/core/ml/ml-service.ts'
import { splitLogBatch } from '../src-main/core/ml/mlflow-batches.ts'
import { MlflowClient } from '../src-main/core/ml/mlflow-client.ts'
import { ML_RUNS_COLLECTION } from '../src-main/core/ml/mongo-run-log.ts'
import { readRunRecords } from '../src-main/core/ml/run-log.ts'
import { dispatch, unwrap } from '../src-main/core/rpc.ts'
import { collection } from '../src-main/core/serving/collections.ts'
import type { MlRunRecord, MlRuns, MlTrainArgs } from '../src-preload/contract-ml.ts'
import { runCli } from './helpers/cli.ts'
import {
  FERRETDB_AVAILABLE,
  FERRETDB_SKIP_REASON,
  freePort,
  type RunningMongo,
  startFerretDb,
} from './helpers/ferretdb.ts'
import { MLFLOW_AVAILABLE, MLFLOW_SKIP_REASON, type RunningMlflow, startMlflow } from './helpers/mlflow.ts'
import { SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'

const PREDICTOR: MlTrainArgs = { model: 'predictor', horizonDays: 90, clusters: 5, seed: 42 }
const ADVISOR: MlTrainArgs = { ...PREDICTOR, model: 'advisor' }

function core(dataDir: string, env: Record<string, string>, extra: Partial<CoreOptions> = {}): Core {
  const created = createCore({ dataDir, paths: SOURCE_PATHS, env, ...extra })
  afterAll(() => created.close())
  return created
}

/** Generated sources (seeded) through the whole pipeline: a committed gold to train on. */
async function withGold(target: Core, clients?: number): Promise<void> {
  await target.sources.generate({ seed: 42, dirtyShare: 0, ...(clients ? { clients } : {}) }).done
  await target.pipeline.start({ from: 'bronze' }).done
}

/** Starts a training through the contract, as the window does, and waits for its task to end. */
async function trainViaContract(target: Core, args: MlTrainArgs): Promise<MlRunRecord> {
  const { taskId } = unwrap(await dispatch(target.handlers, 'ml.train', args)) as { taskId: string }
  await new Promise<void>((resolve) => {
    const check = () => {
      if (target.tasks.get(taskId)?.info.state !== 'running') {
        target.tasks.off('changed', check)
        resolve()
      }
    }
    target.tasks.on('changed', check)
    check()
  })
  const [latest] = readRunRecords(target.options.dataDir, { limit: 1 })
  if (!latest) throw new Error('the training left no record')
  return latest
}

const listRuns = async (target: Core) =>
  unwrap(await dispatch(target.handlers, 'ml.runs', { limit: 20 })) as MlRuns

describe.skipIf(!MLFLOW_AVAILABLE)(
  `training tracked in MLflow (${MLFLOW_AVAILABLE ? 'real server' : MLFLOW_SKIP_REASON})`,
  () => {
    let mlflow: RunningMlflow
    let client: MlflowClient
    let dataDir: string
    let main: Core
    let first: MlRunRecord

    beforeAll(async () => {
      mlflow = await startMlflow()
      client = new MlflowClient(mlflow.url)
      dataDir = tempDir()
      main = core(dataDir, { MLFLOW_TRACKING_URI: mlflow.url })
      await withGold(main)
      first = await trainViaContract(main, PREDICTOR)
    }, 180_000)

    afterAll(async () => {
      await mlflow?.stop()
    })

    it('logs the predictor as a finished run with its params, metrics, data version and artifacts', async () => {
      expect(first.status).toBe('finished')
      const link = first.mlflow
      expect(link?.url).toBe(`${mlflow.url}/#/experiments/${link?.experimentId}/runs/${link?.runId}`)
      const run = await client.getRun(link?.runId as string)
      expect(run.info.status).toBe('FINISHED')
      const params = Object.fromEntries((run.data.params ?? []).map((p) => [p.key, p.value]))
      expect(params).toMatchObject({ model: 'logistic_regression', horizon_days: '90', seed: '42' })
      const metrics = Object.fromEntries((run.data.metrics ?? []).map((m) => [m.key, m.value]))
      expect(metrics.model_roc_auc).toBe(first.metrics.model_roc_auc)
      expect(metrics.baseline_roc_auc).toBe(first.metrics.baseline_roc_auc)
      expect(metrics.model_roc_auc).toBeGreaterThan(0.5)
      const tags = Object.fromEntries((run.data.tags ?? []).map((t) => [t.key, t.value]))
      const current = await main.lake.currentRun()
      expect(tags['medallion.data_version']).toBe(first.dataVersion)
      expect(tags['medallion.predictions_run']).toBe(current?.runId)

      const listed = (await (
        await fetch(`${mlflow.url}/api/2.0/mlflow/artifacts/list?run_id=${link?.runId}`)
      ).json()) as {
        files: { path: string }[]
      }
      expect(listed.files.map((f) => f.path).sort()).toEqual(
        ['metrics.json', 'model.json', 'plots', 'report.md', 'top_clients.csv'].sort(),
      )
      const stored = join(
        mlflow.artifactsDir,
        link?.experimentId as string,
        link?.runId as string,
        'artifacts',
      )
      expect(readFileSync(join(stored, 'report.md'), 'utf8')).toBe(
        readFileSync(join(first.artifactsDir as string, 'report.md'), 'utf8'),
      )
      expect(readFileSync(join(stored, 'plots', 'roc.svg'), 'utf8')).toContain('<svg')
    })

    it('serves every client’s prediction from the new current gold', async () => {
      const served = await main.serving.store.list(collection('gold_client_predictions'), {
        sort: { field: 'prob_purchase', dir: -1 },
        offset: 0,
        limit: 3,
        filter: {},
      })
      expect(served?.total).toBe(1500)
      expect(served?.rows[0]?.ml_run_id).toBe(first.id)
      expect(served?.rows[0]?.prob_purchase).toBe(first.topClients?.[0]?.prob_purchase)
    })

    it('makes each training a new run, and lists them with their status in MLflow', async () => {
      const second = await trainViaContract(main, PREDICTOR)
      expect(second.mlflow?.runId).not.toBe(first.mlflow?.runId)
      const runs = await client.searchRuns([first.mlflow?.experimentId as string])
      const ids = runs.map((r) => r.info.run_id)
      expect(ids).toEqual(expect.arrayContaining([first.mlflow?.runId, second.mlflow?.runId]))
      const listed = await listRuns(main)
      expect(listed.mlflow).toMatchObject({ uri: mlflow.url, reachable: true })
      expect(listed.runs.slice(0, 2).map((r) => [r.id, r.mlflow?.status])).toEqual([
        [second.id, 'FINISHED'],
        [first.id, 'FINISHED'],
      ])
    })

    it('logs the advisor with its silhouette, segments and report', async () => {
      const advisor = await trainViaContract(main, ADVISOR)
      const run = await client.getRun(advisor.mlflow?.runId as string)
      expect(run.info.status).toBe('FINISHED')
      const silhouette = run.data.metrics?.find((m) => m.key === 'silhouette')?.value
      expect(silhouette).toBe(advisor.metrics.silhouette)
      expect(advisor.segments).toHaveLength(5)
      const stored = join(
        mlflow.artifactsDir,
        advisor.mlflow?.experimentId as string,
        advisor.mlflow?.runId as string,
      )
      expect(readFileSync(join(stored, 'artifacts', 'segments.csv'), 'utf8')).toMatch(/^cluster,label,size/)
    })

    it('splits a batch above MLflow’s per-request limits', async () => {
      const batch = {
        metrics: Array.from({ length: 1200 }, (_, i) => ({ key: `m${i}`, value: i, timestamp: 1, step: 0 })),
        params: Array.from({ length: 130 }, (_, i) => ({ key: `p${i}`, value: String(i) })),
        tags: Array.from({ length: 120 }, (_, i) => ({ key: `t${i}`, value: String(i) })),
      }
      const requests = splitLogBatch(batch)
      for (const r of requests) {
        expect(r.metrics.length).toBeLessThanOrEqual(1000)
        expect(r.params.length).toBeLessThanOrEqual(100)
        expect(r.tags.length).toBeLessThanOrEqual(100)
        expect(r.metrics.length + r.params.length + r.tags.length).toBeLessThanOrEqual(1000)
      }
      expect(requests.flatMap((r) => r.metrics)).toEqual(batch.metrics)
      const experiment = await client.experimentId('medallion-test-batches')
      const info = await client.createRun(experiment, 'batch')
      await client.logBatch(info.run_id, batch)
      await client.updateRun(info.run_id, 'FINISHED')
      const run = await client.getRun(info.run_id)
      expect(run.data.metrics).toHaveLength(1200)
      expect(run.data.params).toHaveLength(130)
      expect(run.data.tags?.filter((t) => /^t\d+$/.test(t.key))).toHaveLength(120)
    })

    it('a training that cannot learn fails with a clear message and leaves its MLflow run FAILED', async () => {
      const tiny = core(tempDir(), { MLFLOW_TRACKING_URI: mlflow.url })
      await withGold(tiny, 30)
      const failed = await trainViaContract(tiny, PREDICTOR)
      expect(failed.status).toBe('failed')
      expect(failed.error).toMatch(
        /only \d+ client\(s\) had bought by the training cutoff .* at least 50 are needed/,
      )
      const run = await client.getRun(failed.mlflow?.runId as string)
      expect(run.info.status).toBe('FAILED')
      expect(run.data.tags?.find((t) => t.key === 'medallion.error')?.value).toBe(failed.error)
      const running = await client.searchRuns(
        [failed.mlflow?.experimentId as string],
        "attributes.status = 'RUNNING'",
      )
      expect(running).toEqual([])
    })

    it('a cancelled training ends its MLflow run KILLED', async () => {
      const { task, done } = new MlService(main).train(PREDICTOR)
      task.cancel()
      await expect(done).rejects.toThrow(/cancelled/)
      const [cancelled] = readRunRecords(dataDir, { limit: 1 })
      expect(cancelled).toMatchObject({ status: 'cancelled', error: 'cancelled by the user' })
      expect((await client.getRun(cancelled?.mlflow?.runId as string)).info.status).toBe('KILLED')
    })

    it('with MLflow down, trains anyway, records locally and says how to start MLflow', async () => {
      const nowhere = `http://127.0.0.1:${await freePort()}`
      const offline = core(dataDir, { MLFLOW_TRACKING_URI: nowhere })
      const record = await trainViaContract(offline, ADVISOR)
      expect(record.status).toBe('finished')
      expect(record.mlflow).toBeUndefined()
      expect(record.mlflowNote).toMatch(new RegExp(`MLflow does not answer at ${nowhere}.*medallion up`))
      expect(readRunRecords(dataDir, { limit: 1 })[0]?.id).toBe(record.id)
      const listed = await listRuns(offline)
      expect(listed.mlflow).toMatchObject({ uri: nowhere, reachable: false })
      expect(listed.mlflow.detail).toMatch(/runs\.jsonl/)
    })

    describe.skipIf(!FERRETDB_AVAILABLE)(
      `kept in MongoDB when serving from it (${FERRETDB_AVAILABLE ? 'FerretDB' : FERRETDB_SKIP_REASON})`,
      () => {
        let mongo: RunningMongo
        beforeAll(async () => {
          mongo = await startFerretDb()
        })
        afterAll(async () => {
          await mongo?.stop()
        })

        it('writes the record with its MLflow link to ml_runs', async () => {
          const served = core(
            dataDir,
            { MLFLOW_TRACKING_URI: mlflow.url },
            { mongo: { url: mongo.url, db: 'ml_test' } },
          )
          const record = await trainViaContract(served, ADVISOR)
          const reader = new MongoClient(mongo.url)
          try {
            const doc = await reader
              .db('ml_test')
              .collection<{ _id: string }>(ML_RUNS_COLLECTION)
              .findOne({ _id: record.id })
            expect(doc).toMatchObject({
              model: 'advisor',
              status: 'finished',
              mlflow: { url: record.mlflow?.url },
            })
          } finally {
            await reader.close()
          }
        })
      },
    )
  },
)

describe('medallion train', () => {
  it('names the models when none is given (exit 2)', async () => {
    const result = await runCli(['train'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/train needs the model to train: predictor or advisor/)
  })

  it('says to run the pipeline first when there is no gold (exit 1, recorded)', async () => {
    const empty = tempDir()
    const result = await runCli(['train', 'advisor', '--data-dir', empty], { MLFLOW_TRACKING_URI: '' })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/nothing to train on: no pipeline run has succeeded yet/)
    expect(readRunRecords(empty, { limit: 5 }).map((r) => r.status)).toEqual(['failed'])
  })
})
