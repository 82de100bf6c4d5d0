/** Where the Spark job's Python package lives (MEDALLION_SPARK_JOB_DIR overrides, e.g. in a packaged app). */
import { resolve } from 'node:path'

export function sparkJobDir(env: Record<string, string | undefined>): string {
  return env.MEDALLION_SPARK_JOB_DIR?.trim() || resolve(import.meta.dirname, '../../../pipelines/spark')
}
