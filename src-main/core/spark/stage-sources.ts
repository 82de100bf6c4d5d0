/**
 * The stack's Spark runs beside MinIO, not on this machine, so a run's source files are first copied to
 * the `sources` bucket (the original's landing bucket) under the run id, and removed once the run ends.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { DeleteObjectsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { errorMessage, MedallionError } from '../errors.ts'
import { redactSecretKey } from '../lake/s3-config.ts'
import type { JobS3 } from './job-plan.ts'

export const SOURCES_BUCKET = 'sources'

export interface StagedSources {
  /** Where the job reads each source (s3a:// URLs). */
  uris: { clients: string; achats: string }
  remove(): Promise<void>
}

export async function stageSources(
  s3: JobS3,
  runId: string,
  sources: { clients: string; achats: string },
): Promise<StagedSources> {
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    credentials: { accessKeyId: s3.accessKey, secretAccessKey: s3.secretKey },
    forcePathStyle: true,
  })
  const keys = {
    clients: `${runId}/${basename(sources.clients)}`,
    achats: `${runId}/${basename(sources.achats)}`,
  }
  try {
    for (const name of ['clients', 'achats'] as const) {
      const path = sources[name]
      await client.send(
        new PutObjectCommand({
          Bucket: SOURCES_BUCKET,
          Key: keys[name],
          Body: createReadStream(path),
          ContentLength: (await stat(path)).size,
        }),
      )
    }
  } catch (err) {
    client.destroy()
    throw new MedallionError(
      'lake_error',
      redactSecretKey(
        `could not copy the sources to s3://${SOURCES_BUCKET}/${runId}/ at ${s3.endpoint} for the stack's Spark: ${errorMessage(err)}`,
        s3.secretKey,
      ),
    )
  }
  return {
    uris: {
      clients: `s3a://${SOURCES_BUCKET}/${keys.clients}`,
      achats: `s3a://${SOURCES_BUCKET}/${keys.achats}`,
    },
    remove: async () => {
      await client
        .send(
          new DeleteObjectsCommand({
            Bucket: SOURCES_BUCKET,
            Delete: { Objects: [{ Key: keys.clients }, { Key: keys.achats }], Quiet: true },
          }),
        )
        .catch(() => {})
      client.destroy()
    },
  }
}
