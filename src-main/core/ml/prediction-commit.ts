/**
 * Puts a training's predictions into gold through the Lake, the way a pipeline run commits: a committed
 * layer folder never changes (S3Lake caches folders by name), so the predictions get a gold folder of
 * their own — a new run `gold/<run id>/` holding the trained-on gold's tables (hard links where the disk
 * allows) plus the filled `client_predictions.parquet`, uploaded by `persistStaged` on S3 — and a run
 * record written last, which points its bronze and silver at the trained-on run's folders. The publisher
 * and the ParquetStore then read the predictions like any gold table of the current run.
 *
 * Under the data lock, and only while the trained-on run is still the current one: predictions must not
 * replace a newer gold a pipeline run committed meanwhile.
 */
import { copyFile, link, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { PREDICTIONS_TABLE } from '../../../pipelines/ml/prediction-columns.ts'
import type { RunRecord } from '../../../src-preload/contract.ts'
import { acquireDataLock } from '../data-lock.ts'
import { MedallionError } from '../errors.ts'
import { commitRecord, type Lake, layerFolder, newRunId } from '../lake/lake.ts'

export interface PredictionsToCommit {
  /** The committed run whose gold was trained on. */
  source: RunRecord
  /** The filled client_predictions.parquet. */
  file: string
  rows: number
  ms: number
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to)
  } catch {
    await copyFile(from, to)
  }
}

/** Commits a gold with the predictions; returns its run record (the new current run). */
export async function commitPredictions(
  lake: Lake,
  dataDir: string,
  predictions: PredictionsToCommit,
): Promise<RunRecord> {
  const { source } = predictions
  const sourceGold = source.layers.gold
  if (!sourceGold)
    throw new MedallionError('no_gold', `run ${source.runId} has no gold layer to add predictions to`)
  const lock = acquireDataLock(dataDir, 'saving predictions to gold')
  const startedAt = new Date()
  const runId = newRunId(startedAt)
  let staged = false
  try {
    const current = await lake.currentRun()
    if (current?.runId !== source.runId) {
      throw new MedallionError(
        'gold_changed',
        `run ${current?.runId ?? '(none)'} committed new gold while the model trained on run ${source.runId}: the predictions were not saved to gold; train again on the new gold`,
      )
    }
    const from = await lake.localLayerDir(sourceGold)
    await lake.beginRun(runId)
    const dir = await lake.stageLayer(runId, 'gold')
    staged = true
    let bytes = 0
    for (const name of await readdir(from)) {
      if (!name.endsWith('.parquet') || name === `${PREDICTIONS_TABLE}.parquet`) continue
      await linkOrCopy(join(from, name), join(dir, name))
      bytes += (await stat(join(dir, name))).size
    }
    await copyFile(predictions.file, join(dir, `${PREDICTIONS_TABLE}.parquet`))
    bytes += (await stat(predictions.file)).size
    await lake.persistStaged(runId, ['gold'])
    const record: RunRecord = {
      ...source,
      runId,
      status: 'succeeded',
      // A new gold with the model's predictions: the run is the training's, whoever started the source run.
      trigger: 'train',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      from: 'gold',
      layers: { ...source.layers, gold: layerFolder('gold', runId) },
      tables: { ...source.tables, [`gold/${PREDICTIONS_TABLE}`]: predictions.rows },
      steps: [
        {
          layer: 'gold',
          table: PREDICTIONS_TABLE,
          rowsIn: predictions.rows,
          rowsOut: predictions.rows,
          ms: predictions.ms,
        },
      ],
      bytes,
    }
    delete record.inputDir
    return await commitRecord(lake, record)
  } catch (err) {
    if (staged) await lake.discardStaged(runId, ['gold']).catch(() => {})
    throw err
  } finally {
    lock.release()
  }
}
