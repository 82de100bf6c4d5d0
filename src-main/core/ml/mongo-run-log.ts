/**
 * Trainings kept in MongoDB too, when the core serves from it: the collection `ml_runs`, one document per
 * training keyed by its id (`_id`), with its metrics and MLflow link, so tools reading the served gold
 * (Metabase) see the models beside it.
 */
import type { MlRunRecord } from '../../../src-preload/contract-ml.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import { createMongoClient } from '../serving/mongo-client.ts'
import { type MongoConfig, redactSecrets } from '../serving/mongo-config.ts'

export const ML_RUNS_COLLECTION = 'ml_runs'

export async function saveRunToMongo(config: MongoConfig, record: MlRunRecord): Promise<void> {
  const client = createMongoClient(config.url)
  try {
    await client
      .db(config.db)
      .collection<{ _id: string }>(ML_RUNS_COLLECTION)
      .replaceOne({ _id: record.id }, { ...record, recordedAt: new Date() }, { upsert: true })
  } catch (err) {
    throw new MedallionError(
      'mongo_failed',
      `the training was not saved to ${ML_RUNS_COLLECTION} in MongoDB: ${redactSecrets(errorMessage(err), config.url)}`,
    )
  } finally {
    await client.close().catch(() => {})
  }
}
