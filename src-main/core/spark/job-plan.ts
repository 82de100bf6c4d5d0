/**
 * The plan a Spark job reads (pipelines/spark/plan.py): the LayerPlan with every folder where Spark finds
 * it (a path, or an s3a:// URL for the MinIO lake), and the S3 credentials. It is written to a file only
 * this user can read, so the secret never appears on a command line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LayerPlan } from '../../../pipelines/run-layers.ts'
import type { Layer } from '../../../src-preload/contract.ts'

export interface JobS3 {
  endpoint: string
  accessKey: string
  secretKey: string
  region: string
}

/**
 * `dialect` (what the user said of each file), `bronzeDialect` (how a reused bronze was read) and
 * `maxRejectShare` reach the job as they are: it reads the files, and applies the gates, as the worker does.
 */
export type SparkJobPlan = Pick<
  LayerPlan,
  | 'runId'
  | 'from'
  | 'sources'
  | 'reuse'
  | 'out'
  | 'nowMicros'
  | 'horizonDays'
  | 'dialect'
  | 'bronzeDialect'
  | 'maxRejectShare'
> & { s3?: JobS3; shufflePartitions: number }

/** `s3://bucket/run/` (how a lake describes an S3 folder) as Hadoop's S3A names it; paths stay paths. */
export function sparkUri(location: string): string {
  return location.startsWith('s3://')
    ? `s3a://${location.slice('s3://'.length).replace(/\/+$/, '')}`
    : location
}

export function mapFolders(
  folders: Partial<Record<Layer, string>>,
  locate: (folder: string, layer: Layer) => string,
): Partial<Record<Layer, string>> {
  const mapped: Partial<Record<Layer, string>> = {}
  for (const [layer, folder] of Object.entries(folders) as [Layer, string][])
    mapped[layer] = locate(folder, layer)
  return mapped
}

/** Writes the plan into a fresh private folder; `remove` deletes both. */
export function writeJobPlan(plan: SparkJobPlan): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-spark-'))
  const path = join(dir, 'plan.json')
  writeFileSync(path, JSON.stringify(plan), { mode: 0o600 })
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** What a LayerPlan becomes for Spark, given where each folder is. */
export function sparkJobPlan(
  plan: LayerPlan,
  where: {
    out: Partial<Record<Layer, string>>
    reuse: Partial<Record<Layer, string>>
    sources?: LayerPlan['sources']
  },
  options: { s3?: JobS3; shufflePartitions: number },
): SparkJobPlan {
  // Undefined fields (no sources, no S3, no dialect given) are left out of the JSON.
  return {
    runId: plan.runId,
    from: plan.from,
    nowMicros: plan.nowMicros,
    horizonDays: plan.horizonDays,
    dialect: plan.dialect,
    bronzeDialect: plan.bronzeDialect,
    maxRejectShare: plan.maxRejectShare,
    reuse: where.reuse,
    out: where.out,
    sources: where.sources,
    ...options,
  }
}
