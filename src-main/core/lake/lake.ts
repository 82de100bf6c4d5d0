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
