/**
 * The S3 settings of the lake a Spark run reads and writes: the ones the core built the lake from when it
 * passes them, else found the way the core finds them at start (environment, else the stack this folder
 * is on), and checked against the lake actually in use.
 */
import { resolveBackends } from '../backends.ts'
import { MedallionError } from '../errors.ts'
import type { Lake } from '../lake/lake.ts'
import { DEFAULT_S3_REGION, type S3LakeConfig } from '../lake/s3-config.ts'
import type { JobS3 } from './job-plan.ts'

export async function lakeS3(
  lake: Lake,
  dataDir: string,
  env: Record<string, string | undefined>,
  given?: S3LakeConfig,
): Promise<JobS3> {
  const config = given ?? (await resolveBackends(dataDir, env)).s3
  if (!config || !lake.location.startsWith(config.endpoint)) {
    throw new MedallionError(
      'spark_unavailable',
      `cannot give Spark the credentials of the lake at ${lake.location}: set MINIO_ENDPOINT, MINIO_ACCESS_KEY and MINIO_SECRET_KEY for it`,
    )
  }
  return {
    endpoint: config.endpoint,
    accessKey: config.accessKey,
    secretKey: config.secretKey,
    region: config.region ?? DEFAULT_S3_REGION,
  }
}
