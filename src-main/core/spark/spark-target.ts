/**
 * Where a Spark run goes: SPARK_MASTER_URL when set (submitted from this machine); else, when Up moved
 * this data folder to a stack started with the `spark` profile, the stack's own master (the driver runs
 * inside its container, beside MinIO); else `local[*]` when PySpark is installed here. Otherwise the error
 * says what to install or start.
 */

import { MedallionError } from '../errors.ts'
import { readComposeFile } from '../stack/compose-file.ts'
import { readStackMarker } from '../stack/stack-marker.ts'
import {
  findPySpark,
  INSTALL_JAVA_HINT,
  installPySparkHint,
  javaAvailable,
  type PySparkInstall,
} from './pyspark-install.ts'

export const LOCAL_MASTER = 'local[*]'
/** The master as the stack's containers reach it (compose/docker-compose.yml). */
export const STACK_MASTER = 'spark://spark-master:7077'
export const STACK_MASTER_SERVICE = 'spark-master'

export type SparkTarget =
  /** spark-submit on this machine, to a local master or to a cluster that can reach this machine. */
  | { kind: 'submit'; master: string; pyspark: PySparkInstall }
  /** spark-submit inside the stack's master container, on the stack's network. */
  | { kind: 'stack'; master: string; container: string }

function checkMasterUrl(url: string): string {
  if (/^(spark:\/\/[^/\s]+|local(\[(\*|\d+)(,\d+)?\])?)$/.test(url)) return url
  throw new MedallionError(
    'invalid_config',
    `SPARK_MASTER_URL "${url}" is not a Spark master: expected spark://host:port or local[*]`,
  )
}

async function submitTarget(
  master: string,
  env: Record<string, string | undefined>,
  packaged: boolean,
  found?: PySparkInstall,
): Promise<SparkTarget> {
  const pyspark = found ?? (await findPySpark(env))
  if (!pyspark) {
    throw new MedallionError(
      'spark_unavailable',
      `running on Spark (${master}) needs PySpark on this machine, and none was found: ${installPySparkHint(packaged)}`,
    )
  }
  if (!javaAvailable(env))
    throw new MedallionError('spark_unavailable', `no Java found: ${INSTALL_JAVA_HINT}`)
  return { kind: 'submit', master, pyspark }
}

/** The stack's master container, when this data folder is on a stack with the spark profile. */
async function stackMaster(
  dataDir: string,
  env: Record<string, string | undefined>,
): Promise<string | undefined> {
  const marker = readStackMarker(dataDir)
  if (!marker?.profiles.includes('spark')) return undefined
  const plan = await readComposeFile(marker.composeFile, {
    project: marker.project,
    profiles: marker.profiles,
    env,
  })
  return plan.services.find((s) => s.name === STACK_MASTER_SERVICE)?.containerName
}

/** `packaged`: a packaged app, whose messages cannot point at the source tree's set-up scripts. */
export async function resolveSparkTarget(
  dataDir: string,
  env: Record<string, string | undefined>,
  packaged = false,
): Promise<SparkTarget> {
  const configured = env.SPARK_MASTER_URL?.trim()
  if (configured) return submitTarget(checkMasterUrl(configured), env, packaged)
  const container = await stackMaster(dataDir, env)
  if (container) return { kind: 'stack', master: STACK_MASTER, container }
  const pyspark = await findPySpark(env)
  if (pyspark) return submitTarget(LOCAL_MASTER, env, packaged, pyspark)
  throw new MedallionError(
    'spark_unavailable',
    `no Spark to run the pipeline on: PySpark is not installed here (${installPySparkHint(packaged)}), SPARK_MASTER_URL is not set, and this data folder is not on a stack started with \`medallion up --profile spark\``,
  )
}
