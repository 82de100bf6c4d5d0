/** The spark-submit command line of a job run from this machine (client mode: the driver runs here). */
import { join } from 'node:path'
import type { PySparkInstall } from './pyspark-install.ts'
import type { SubmitSpec } from './submit-process.ts'

const DEFAULT_DRIVER_MEMORY = '2g'

export interface SubmitOptions {
  master: string
  pyspark: PySparkInstall
  jobDir: string
  planPath: string
  runId: string
  /** Extra jars for the driver and the executors (S3A). */
  jars: string[]
  env: Record<string, string | undefined>
}

export function submitSpec(options: SubmitOptions): SubmitSpec {
  const { master, pyspark, jobDir, planPath, runId, jars, env } = options
  return {
    command: pyspark.sparkSubmit,
    args: [
      '--master',
      master,
      '--name',
      `medallion ${runId}`,
      // In local mode the executors live in the driver's JVM: 1 GB is short for a million purchases.
      '--driver-memory',
      env.MEDALLION_SPARK_DRIVER_MEMORY?.trim() || DEFAULT_DRIVER_MEMORY,
      '--driver-java-options',
      `-Dlog4j2.configurationFile=file:${join(jobDir, 'log4j2.properties')}`,
      ...(jars.length > 0 ? ['--jars', jars.join(',')] : []),
      join(jobDir, 'job.py'),
      planPath,
    ],
    env: {
      ...env,
      // The driver runs the job with the Python that has PySpark (executors run no Python).
      PYSPARK_PYTHON: pyspark.python,
      PYSPARK_DRIVER_PYTHON: pyspark.python,
      SPARK_HOME: pyspark.sparkHome,
      // The job runs from the source tree: no __pycache__ folders left in it.
      PYTHONDONTWRITEBYTECODE: '1',
    },
  }
}
