/**
 * The lake holds each layer's tables under a folder of the run that wrote them and a run record per run.
 * A run commits by writing its record last: readers go through the newest succeeded record, so they never
 * see half a run, and nothing is ever renamed (the same layout works on S3).
 */
import type { Layer, RunRecord } from '../../../src-preload/contract.ts'

export interface Lake {
  /** Where the lake lives, for messages. */
  readonly location: string
  /** A local folder where a run's worker writes one layer's tables; created empty. */
  stageLayer(runId: string, layer: Layer): Promise<string>
  /** Makes staged layers durable where the lake is remote; a no-op for a local lake. */
  persistStaged(runId: string, layers: readonly Layer[]): Promise<void>
  /** Removes what a run staged but did not commit. */
  discardStaged(runId: string, layers: readonly Layer[]): Promise<void>
  /** Writes a run record. For a succeeded run this is the commit point. */
  writeRunRecord(record: RunRecord): Promise<void>
  /** All run records, newest first. Unreadable records are skipped. */
  listRuns(): Promise<RunRecord[]>
  /** The newest succeeded run, whose layers are the current ones. */
  currentRun(): Promise<RunRecord | undefined>
  /** Where a layer folder lives, for messages: a path, or an s3:// URL. */
  describeFolder(layerFolder: string): string
  /** A local folder holding a committed layer folder (lake-relative, as in RunRecord.layers). */
  localLayerDir(layerFolder: string): Promise<string>
  /** Deletes the records of all but the newest `keep` runs, then every layer folder no kept run uses. */
  prune(keep: number): Promise<{ removedRuns: string[]; removedFolders: string[] }>
}

export function layerFolder(layer: Layer, runId: string): string {
  return `${layer}/${runId}`
}

/** Sortable, unique run ids: UTC time to the millisecond plus a random suffix. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '')
  return `${stamp}-${Math.random().toString(36).slice(2, 6)}`
}

export function isRunId(value: string): boolean {
  return /^\d{8}T\d{9}Z-[a-z0-9]{1,8}$/.test(value)
}

/** Run ids newest first (they sort by time); names that are not run ids are ignored. */
export function newestFirst(names: readonly string[]): string[] {
  return names.filter(isRunId).sort().reverse()
}

/** The newest succeeded run of a newest-first list: its layers are the current ones. */
export function currentOf(runs: readonly RunRecord[]): RunRecord | undefined {
  return runs.find((r) => r.status === 'succeeded')
}

export interface PrunePlan {
  removedRuns: string[]
  isRemovable(layer: Layer, runId: string): boolean
}

/**
 * What prune(keep) removes: the records of all but the newest `keep` runs (never the current one), and
 * every layer folder no kept run uses, except folders newer than the newest record (a run in progress).
 */
export function planPrune(runs: readonly RunRecord[], keep: number): PrunePlan {
  const current = currentOf(runs)
  const kept = runs.slice(0, keep)
  // The current run is never pruned, however many failed runs came after it.
  if (current && !kept.includes(current)) kept.push(current)
  const inUse = new Set(kept.flatMap((r) => Object.values(r.layers)))
  const newest = runs[0]?.runId ?? ''
  return {
    removedRuns: runs.filter((r) => !kept.includes(r)).map((r) => r.runId),
    isRemovable: (layer, runId) => !inUse.has(layerFolder(layer, runId)) && runId <= newest,
  }
}
