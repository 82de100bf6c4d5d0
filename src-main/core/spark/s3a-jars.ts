/**
 * Spark reaches MinIO through S3A, whose jars are not in PySpark: hadoop-aws matching Spark 3.5's Hadoop
 * 3.3.4, and the AWS SDK bundle it was built against. scripts/fetch-spark-jars.sh downloads them once
 * (checksum-verified) into ~/.cache/medallion/spark-jars; nothing is downloaded when a job runs.
 */
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { MedallionError } from '../errors.ts'

export const S3A_JARS = ['hadoop-aws-3.3.4.jar', 'aws-java-sdk-bundle-1.12.262.jar'] as const

export function s3aJarsDir(env: Record<string, string | undefined>): string {
  return env.MEDALLION_SPARK_JARS?.trim() || join(homedir(), '.cache', 'medallion', 'spark-jars')
}

/** The jars' paths, or an error naming the script that fetches them. */
export function s3aJars(env: Record<string, string | undefined>): string[] {
  const dir = s3aJarsDir(env)
  const paths = S3A_JARS.map((jar) => join(dir, jar))
  const missing = S3A_JARS.filter((_, i) => !existsSync(paths[i] as string))
  if (missing.length > 0) {
    throw new MedallionError(
      'spark_unavailable',
      `Spark reaches the MinIO lake through S3A, and ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing from ${dir}: run \`bash scripts/fetch-spark-jars.sh\` once (it downloads them from Maven Central)`,
    )
  }
  return paths
}
