/**
 * The lake holds each layer's tables under a folder of the run that wrote them and a run record per run.
 * A run commits by writing its record last: readers go through the current record — the succeeded one
 * written last — so they never see half a run, and nothing is ever renamed (the same layout works on S3).
 *
 * "Last" is the records' commit sequence (`commitSeq`: the highest so far + 1, given under the data lock
 * when a record is written), never a clock: after the clock goes back, a new run's id sorts before older
 * ones, and it is still the current run. Records written before the sequence existed come first, by their
 * finish time.
 */
import type { Layer, RunRecord } from '../../../src-preload/contract.ts'
import { RUN_ID_PATTERN } from '../../../src-preload/values.ts'

export interface Lake {
  /** Where the lake lives, for messages. */
  readonly location: string
  /** A local folder where a run's worker writes one layer's tables; created empty. */
  stageLayer(runId: string, layer: Layer): Promise<string>
  /** Makes staged layers durable where the lake is remote; a no-op for a local lake. */
  persistStaged(runId: string, layers: readonly Layer[]): Promise<void>
  /** Removes what a run staged but did not commit. */
  discardStaged(runId: string, layers: readonly Layer[]): Promise<void>
  /**
   * Marks a run that is about to stage folders, with the last commitSeq so far: until a later record is
   * written, prune takes its folders for a run in progress. Its record (writeRunRecord) removes the mark.
   */
  beginRun(runId: string): Promise<void>
  /**
   * Writes a run record as given (commitRecord gives it its place first). For a succeeded run this is the
   * commit point.
   */
  writeRunRecord(record: RunRecord): Promise<void>
  /** All run records, newest first (newestFirst). Unreadable records are skipped. */
  listRuns(): Promise<RunRecord[]>
  /** The succeeded run committed last, whose layers are the current ones. */
  currentRun(): Promise<RunRecord | undefined>
  /** Where a layer folder lives, for messages: a path, or an s3:// URL. */
  describeFolder(layerFolder: string): string
  /** A local folder holding a committed layer folder (lake-relative, as in RunRecord.layers). */
  localLayerDir(layerFolder: string): Promise<string>
  /**
   * Deletes the records of all but the newest `keep` runs, then every layer folder no kept run uses, except
   * a run's in progress (planPrune). Called under the data lock.
   */
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
  return RUN_ID_PATTERN.test(value)
}

/** The names that are run ids (folders, records); others are ignored. */
export function runIdsIn(names: readonly string[]): string[] {
  return names.filter(isRunId)
}

/** Later first: commitSeq, then (records from before it existed, and ties) the finish time, then the id. */
function laterFirst(a: RunRecord, b: RunRecord): number {
  return (
    (b.commitSeq ?? 0) - (a.commitSeq ?? 0) ||
    b.finishedAt.localeCompare(a.finishedAt) ||
    b.runId.localeCompare(a.runId)
  )
}

/**
 * A run record as stored (JSON) read into today's shape: records written before `trigger` existed were
 * all started by hand. Throws on text that is not JSON (the listing skips such a record).
 */
export function parseRunRecord(text: string): RunRecord {
  const stored = JSON.parse(text) as Omit<RunRecord, 'trigger'> & Partial<Pick<RunRecord, 'trigger'>>
  return { ...stored, trigger: stored.trigger ?? 'manual' }
}

/** Records newest first: in the order they were written (see the top of this file). */
export function newestFirst(runs: readonly RunRecord[]): RunRecord[] {
  return [...runs].sort(laterFirst)
}

/** The highest commitSeq given so far (0 before any). */
export function lastCommitSeq(runs: readonly RunRecord[]): number {
  return runs.reduce((last, r) => Math.max(last, r.commitSeq ?? 0), 0)
}

/** The succeeded run written last: its layers are the current ones. */
export function currentOf(runs: readonly RunRecord[]): RunRecord | undefined {
  return newestFirst(runs).find((r) => r.status === 'succeeded')
}

/**
 * Writes a run's record as the newest one, its commitSeq one above the highest so far, and returns it.
 * Called under the data lock, so no other record takes the same place.
 */
export async function commitRecord(lake: Lake, record: RunRecord): Promise<RunRecord> {
  const placed = { ...record, commitSeq: lastCommitSeq(await lake.listRuns()) + 1 }
  await lake.writeRunRecord(placed)
  return placed
}

/** The mark of a run that began staging after the record with commitSeq `afterSeq` (Lake.beginRun). */
export interface StagingMark {
  runId: string
  afterSeq: number
}

/** A staging mark's file (or object) name beside the records: `<run id>.staging.<afterSeq>`. */
export function stagingMarkName(mark: StagingMark): string {
  return `${mark.runId}.staging.${mark.afterSeq}`
}

export function parseStagingMark(name: string): StagingMark | undefined {
  const match = /^(.+)\.staging\.(\d+)$/.exec(name)
  return match?.[1] && isRunId(match[1]) ? { runId: match[1], afterSeq: Number(match[2]) } : undefined
}

/** Failed runs whose bronze, silver and rejects are kept for inspection: the newest ones. */
export const FAILED_RUNS_KEPT = 3

export interface PrunePlan {
  removedRuns: string[]
  isRemovable(layer: Layer, runId: string): boolean
  /** Marks of runs that are over (recorded, or gone without a record). */
  removedMarks: StagingMark[]
}

/**
 * What prune(keep) removes: the records of all but the newest `keep` runs (never the current one), and
 * every layer folder no kept run uses — a failed run's folders only for the newest FAILED_RUNS_KEPT of
 * them (older ones lose their evidence; their records say so by pointing at folders that are gone) —
 * except a run's in progress. A run is in progress while it has no
 * record and no record was written since it began (its staging mark); a folder without either (staged
 * before marks existed) is in progress when its run id is newer than every record's.
 */
export function planPrune(
  runs: readonly RunRecord[],
  keep: number,
  marks: readonly StagingMark[] = [],
): PrunePlan {
  const ordered = newestFirst(runs)
  const current = currentOf(ordered)
  const kept = ordered.slice(0, keep)
  // The current run is never pruned, however many failed runs came after it.
  if (current && !kept.includes(current)) kept.push(current)
  const evidence = kept
    .filter((r) => r.status !== 'succeeded' && Object.keys(r.layers).length > 0)
    .slice(0, FAILED_RUNS_KEPT)
  const inUse = new Set(
    kept
      .filter((r) => r.status === 'succeeded' || evidence.includes(r))
      .flatMap((r) => Object.values(r.layers)),
  )
  const recorded = new Set(runs.map((r) => r.runId))
  const last = lastCommitSeq(runs)
  const began = new Map(marks.map((m) => [m.runId, m.afterSeq]))
  const newestId = runs.reduce((newest, r) => (r.runId > newest ? r.runId : newest), '')
  const inProgress = (runId: string) => {
    if (recorded.has(runId)) return false
    const after = began.get(runId)
    return after === undefined ? runId > newestId : after >= last
  }
  return {
    removedRuns: ordered.filter((r) => !kept.includes(r)).map((r) => r.runId),
    isRemovable: (layer, runId) => !inUse.has(layerFolder(layer, runId)) && !inProgress(runId),
    removedMarks: marks.filter((m) => !inProgress(m.runId)),
  }
}
