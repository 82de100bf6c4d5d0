/**
 * Runs one LayerPlan on Spark and settles with the same LayerResult the Polars worker gives: the job
 * writes the run's staged layer folders and reports; committing stays with the pipeline service.
 */
import type { LayerPlan, LayerResult } from '../../../pipelines/run-layers.ts'
import type { Layer } from '../../../src-preload/contract.ts'
import { MedallionError } from '../errors.ts'
import { type Lake, layerFolder } from '../lake/lake.ts'
import type { S3LakeConfig } from '../lake/s3-config.ts'
import { S3Lake } from '../lake/s3-lake.ts'
import { type JobS3, mapFolders, sparkJobPlan, sparkUri, writeJobPlan } from './job-plan.ts'
import { type JobCallbacks, JobSession } from './job-session.ts'
import { lakeS3 } from './lake-s3.ts'
import { s3aJars } from './s3a-jars.ts'
import { resolveSparkTarget } from './spark-target.ts'
import { runInStackMaster } from './stack-submit.ts'
import { runSubmitProcess } from './submit-process.ts'
import { submitSpec } from './submit-spec.ts'

export interface SparkRunRequest {
  /** `reuse` holds lake folders (`silver/<run id>`): Spark reads committed layers where they live. */
  plan: LayerPlan
  lake: Lake
  dataDir: string
  /** The Spark job's folder (src-main/core/app-paths.ts), and whether the app is packaged (for hints). */
  job: SparkJob
  /** The S3 lake's settings, when the core has them. */
  s3?: S3LakeConfig
  env?: Record<string, string | undefined>
}

export interface SparkJob {
  dir: string
  packaged: boolean
}

const DEFAULT_SHUFFLE_PARTITIONS = 8

function shufflePartitions(env: Record<string, string | undefined>): number {
  const value = Number(env.MEDALLION_SPARK_PARTITIONS)
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_SHUFFLE_PARTITIONS
}

/** Where Spark finds each folder of the plan: under the lake's root, or in its buckets through S3A. */
function folders(
  plan: LayerPlan,
  lake: Lake,
): { out: Partial<Record<Layer, string>>; reuse: Partial<Record<Layer, string>> } {
  const locate = (folder: string) => sparkUri(lake.describeFolder(folder))
  return {
    out: mapFolders(plan.out, (_, layer) => locate(layerFolder(layer, plan.runId))),
    reuse: mapFolders(plan.reuse, (folder) => locate(folder)),
  }
}

export async function runOnSpark(
  request: SparkRunRequest,
  signal: AbortSignal,
  callbacks: JobCallbacks,
): Promise<LayerResult> {
  const { plan, lake, dataDir } = request
  const env = request.env ?? process.env
  const target = await resolveSparkTarget(dataDir, env, request.job.packaged)
  const s3: JobS3 | undefined =
    lake instanceof S3Lake ? await lakeS3(lake, dataDir, env, request.s3) : undefined
  const session = new JobSession(callbacks)
  const where = folders(plan, lake)
  const options = { shufflePartitions: shufflePartitions(env) }
  callbacks.progress(0, `spark: starting on ${target.master}`)
  if (target.kind === 'stack') {
    if (!s3) {
      throw new MedallionError(
        'spark_unavailable',
        `the stack's Spark reads and writes the lake on its MinIO, but this run's lake is ${lake.location}`,
      )
    }
    return runInStackMaster({ target, plan, where, s3, options, session, signal, env })
  }
  const jobDir = request.job.dir
  const file = writeJobPlan(sparkJobPlan(plan, { ...where, sources: plan.sources }, { ...options, s3 }))
  try {
    const spec = submitSpec({
      master: target.master,
      pyspark: target.pyspark,
      jobDir,
      planPath: file.path,
      runId: plan.runId,
      jars: s3 ? s3aJars(env) : [],
      env,
    })
    return await runSubmitProcess(spec, session, signal)
  } finally {
    file.remove()
  }
}
