/**
 * The pipeline service: plans a run (which layers to compute, which to reuse), runs it as a task in a
 * worker (Polars) or on Spark (src-main/core/spark/), and commits it by writing its run record last. A failed, cancelled or crashed run leaves the
 * previous good layers as they were.
 */
import { closeSync, openSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { DialectChoice } from '../../pipelines/bronze.ts'
import type { LayerPlan, LayerResult } from '../../pipelines/run-layers.ts'
import { sizeOf } from '../../pipelines/source-size.ts'
import type { Layer, RunRecord, RunTrigger, SourceTable, StepStats } from '../../src-preload/contract.ts'
import { LAYERS } from '../../src-preload/values.ts'
import { type Attempt, type RetryPolicy, SINGLE_ATTEMPT, withRetries } from './automation/retry.ts'
import { isTransientError } from './automation/transient-error.ts'
import { acquireDataLock } from './data-lock.ts'
import { errorCode, errorMessage, MedallionError, RunFailedError } from './errors.ts'
import { pruneImports } from './import/import-prune.ts'
import { commitRecord, type Lake, layerFolder, newRunId } from './lake/lake.ts'
import type { S3LakeConfig } from './lake/s3-config.ts'
import {
  runInWorker,
  type StartPlanWorker,
  startWorkerThread,
  type ThreadStarter,
} from './pipeline-worker.ts'
import { forkPlanProcess, OWN_PROCESS_FROM_BYTES, PLAN_PROCESS_ENV } from './plan-process.ts'
import type { JobCallbacks } from './spark/job-session.ts'
import type { SparkJob } from './spark/spark-runner.ts'
import { removeEmptyStaging } from './spark/staging.ts'
import { linkTarget, readFailure, systemErrorCode } from './system-error.ts'
import type { Task, TaskRegistry } from './tasks.ts'

export interface PipelineDeps {
  dataDir: string
  lake: Lake
  tasks: TaskRegistry
  workerEntry: string | URL
  /**
   * Starts a big run's worker as a process of its own (plan-process.ts): Node's fork by default, an
   * Electron utility process in the window. Given the environment it must start with.
   */
  startPlanProcess?: (env: Readonly<Record<string, string>>) => StartPlanWorker
  /** Starts a small run's worker thread (default `startWorkerThread`; the CLI's is started early). */
  threads?: ThreadStarter
  /** Sources from this size on (bytes, both files) run in a process of their own (default 128 MB). */
  ownProcessFromBytes?: number
  /** The Spark twin's job folder (and whether the app is packaged), for runs on Spark. */
  sparkJob: SparkJob
  /** How many runs the history keeps (the current good run is always kept). */
  keepRuns?: number
  now?: () => Date
  /** The S3 lake's settings, which a Spark run hands to S3A (looked up like at start when absent). */
  s3?: S3LakeConfig
  /** The variables a Spark run reads (SPARK_MASTER_URL…), asked when it starts: the environment, with
   * the Spark master saved in the settings at the core's start where the environment names none. */
  sparkEnv?: () => Record<string, string | undefined>
  /** Masks the secrets the core knows in a failed run's recorded error. */
  redact?: (text: string) => string
}

export type PipelineEngine = 'polars' | 'spark'

export interface RunRequest {
  from: Layer
  /** A folder holding clients.csv and achats.csv (or .parquet); defaults to `<data>/sources`. */
  inputDir?: string
  /** Polars in a worker thread (default), or the same pipeline on Spark. */
  engine?: PipelineEngine
  /** How the source files are written, where the user said so (the rest is detected per file). */
  dialect?: Partial<Record<SourceTable, DialectChoice>>
  /** The largest share of a file's rows silver may reject before the run fails (default 10 %). */
  maxRejectShare?: number
  /**
   * Who starts the run (kept in its record; default `manual`). Set only by the core's own callers — the
   * stack's Up, a schedule, a watch — never from a contract input, so no caller over HTTP can claim one.
   */
  trigger?: RunTrigger
  /** The schedule's or saved watch's id, with trigger `schedule` or `watch` (kept in the record). */
  triggeredBy?: string
  /**
   * Transient failures (a busy data lock, the S3 lake unreachable) tried again with backoff, each attempt in
   * the task's log. Unattended runs (a watch, a schedule) pass the core's policy; without it a run is tried
   * once — whoever clicked Run sees the busy lock or the stopped server at once.
   */
  retry?: RetryPolicy
}

const DEFAULT_KEEP_RUNS = 10

/**
 * Finds `<name>.csv`, else `<name>.parquet`, in a source folder, and checks it is a file this process can
 * read: a folder of that name, a symbolic link loop or a missing permission is named with the way out.
 */
export function sourceFile(dir: string, name: string): string {
  for (const ext of ['.csv', '.parquet']) {
    const path = join(dir, `${name}${ext}`)
    try {
      if (statSync(path).isDirectory()) throw readFailure({ code: 'EISDIR' }, path)
      closeSync(openSync(path, 'r'))
      return path
    } catch (err) {
      // Only a name that is not there at all lets the other extension (or the message below) answer.
      if (systemErrorCode(err) !== 'ENOENT' || linkTarget(path)) throw readFailure(err, path)
    }
  }
  throw new MedallionError(
    'missing_source',
    `no ${name}.csv (or ${name}.parquet) in ${dir}: run \`medallion generate\` first or pass --input <folder>`,
  )
}

export class PipelineService {
  constructor(private readonly deps: PipelineDeps) {}

  /** A thread for a small run (it starts faster); a process of its own for a big one (plan-process.ts). */
  private startWorker(plan: LayerPlan) {
    const bytes = Object.values(plan.sources ?? {}).reduce((sum, path) => sum + sizeOf(path), 0)
    const ownProcess = plan.sources && bytes >= (this.deps.ownProcessFromBytes ?? OWN_PROCESS_FROM_BYTES)
    if (!ownProcess) return (this.deps.threads?.start ?? startWorkerThread)(this.deps.workerEntry, plan)
    this.deps.threads?.release()
    const start = (this.deps.startPlanProcess ?? forkPlanProcess)(PLAN_PROCESS_ENV)
    return start(this.deps.workerEntry, plan)
  }

  get sourcesDir(): string {
    return join(this.deps.dataDir, 'sources')
  }

  /** Starts a run as a task; `done` settles with the run's record (or rejects with the reason it failed). */
  start(request: RunRequest): { task: Task; done: Promise<RunRecord> } {
    const from = request.from === 'bronze' ? 'Pipeline run' : `Pipeline run from ${request.from}`
    const title = request.engine === 'spark' ? `${from} on Spark` : from
    return this.deps.tasks.run('pipeline', title, (task) =>
      withRetries((attempt) => this.execute(request, task, attempt), {
        policy: request.retry ?? SINGLE_ATTEMPT,
        what: 'pipeline run',
        log: (line) => task.log(line),
        signal: task.signal,
      }),
    )
  }

  runs(limit = 50): Promise<RunRecord[]> {
    return this.deps.lake.listRuns().then((runs) => runs.slice(0, limit))
  }

  private async execute(request: RunRequest, task: Task, attempt: Attempt): Promise<RunRecord> {
    const { lake } = this.deps
    const now = this.deps.now?.() ?? new Date()
    const lock = acquireDataLock(this.deps.dataDir, 'pipeline run')
    const runId = newRunId(now)
    const computed = LAYERS.slice(LAYERS.indexOf(request.from))
    const steps: StepStats[] = []
    const inputDir = request.from === 'bronze' ? resolve(request.inputDir ?? this.sourcesDir) : undefined
    const engine = request.engine ?? 'polars'
    try {
      const plan = await this.plan(runId, request, computed, inputDir, now, engine)
      task.log(`run ${runId}: ${computed.join(' → ')}${inputDir ? ` from ${inputDir}` : ''} (${engine})`)
      const callbacks = {
        progress: (fraction: number, label: string) => task.progress(fraction * 0.95, label),
        step: (stats: StepStats) => {
          steps.push(stats)
          task.log(
            `${stats.layer}/${stats.table}: ${stats.rowsIn} → ${stats.rowsOut} rows in ${stats.ms.toFixed(0)} ms`,
          )
        },
      }
      const result =
        engine === 'spark'
          ? await this.runOnSpark(plan, task, callbacks)
          : await runInWorker(() => this.startWorker(plan), task.signal, callbacks)
      task.progress(0.96, 'committing')
      await lake.persistStaged(runId, computed)
      if (engine === 'spark') await removeEmptyStaging(plan.out)
      const current = await lake.currentRun()
      const layers: RunRecord['layers'] = {}
      for (const layer of LAYERS) {
        layers[layer] = computed.includes(layer) ? layerFolder(layer, runId) : current?.layers[layer]
      }
      const record: RunRecord = {
        runId,
        status: 'succeeded',
        trigger: request.trigger ?? 'manual',
        ...(request.triggeredBy ? { triggeredBy: request.triggeredBy } : {}),
        startedAt: now.toISOString(),
        finishedAt: new Date().toISOString(),
        from: request.from,
        layers,
        tables: result.tables,
        steps,
        quality: result.quality,
        referenceDate: result.referenceDate,
        inputDir,
        bytes: result.bytes,
        kpis: result.kpis,
        // How this run's bronze was read: by this run, or by the run whose bronze it reuses.
        ...((result.dialect ?? current?.dialect) ? { dialect: result.dialect ?? current?.dialect } : {}),
        ...(result.files ? { files: result.files } : {}),
      }
      // A cancel that came in while the layers were written or uploaded still wins, up to the commit.
      task.signal.throwIfAborted()
      const committed = await commitRecord(lake, record)
      const pruned = await lake.prune(this.deps.keepRuns ?? DEFAULT_KEEP_RUNS)
      if (pruned.removedRuns.length) task.log(`pruned ${pruned.removedRuns.length} old run(s)`)
      const imports = pruneImports(
        this.deps.dataDir,
        (await lake.listRuns()).map((run) => run.inputDir),
      )
      if (imports.length) task.log(`pruned ${imports.length} import(s) no kept run uses`)
      return committed
    } catch (err) {
      const cancelled = task.signal.aborted ? errorMessage(task.signal.reason) : undefined
      // Another attempt follows: only its outcome is recorded, this one's staging is removed.
      if (!cancelled && !attempt.last && isTransientError(err)) {
        await lake.discardStaged(runId, computed).catch(() => {})
        throw err
      }
      await this.recordFailure(runId, request, now, steps, inputDir, computed, err, cancelled)
      throw err
    } finally {
      lock.release()
    }
  }

  /** The Spark runner (and the S3 client it may need) loads only when a run asks for Spark. */
  private async runOnSpark(
    plan: LayerPlan,
    task: Task,
    callbacks: Pick<JobCallbacks, 'progress' | 'step'>,
  ): Promise<LayerResult> {
    this.deps.threads?.release()
    const { runOnSpark } = await import('./spark/spark-runner.ts')
    const { lake, dataDir, s3, sparkJob, sparkEnv } = this.deps
    const env = sparkEnv?.()
    return runOnSpark({ plan, lake, dataDir, s3, job: sparkJob, ...(env ? { env } : {}) }, task.signal, {
      ...callbacks,
      log: (line) => task.log(line),
    })
  }

  private async plan(
    runId: string,
    request: RunRequest,
    computed: readonly Layer[],
    inputDir: string | undefined,
    now: Date,
    engine: PipelineEngine,
  ): Promise<LayerPlan> {
    const { lake } = this.deps
    const { from } = request
    const reuse: LayerPlan['reuse'] = {}
    const current = from === 'bronze' ? undefined : await lake.currentRun()
    if (from !== 'bronze') {
      const previous = LAYERS[LAYERS.indexOf(from) - 1] as Layer
      const folder = current?.layers[previous]
      if (!folder) {
        throw new MedallionError(
          'no_previous_run',
          `no committed ${previous} layer to start from: run from bronze first`,
        )
      }
      // Spark reads a committed layer where it lives (folder or bucket); the worker needs a local copy.
      reuse[previous] = engine === 'spark' ? folder : await lake.localLayerDir(folder)
    }
    const out: LayerPlan['out'] = {}
    await lake.beginRun(runId)
    for (const layer of computed) out[layer] = await lake.stageLayer(runId, layer)
    return {
      runId,
      from,
      sources: inputDir
        ? { clients: sourceFile(inputDir, 'clients'), achats: sourceFile(inputDir, 'achats') }
        : undefined,
      reuse,
      out,
      nowMicros: now.getTime() * 1000,
      ...(request.dialect ? { dialect: request.dialect } : {}),
      ...(current?.dialect ? { bronzeDialect: current.dialect } : {}),
      ...(request.maxRejectShare === undefined ? {} : { maxRejectShare: request.maxRejectShare }),
    }
  }

  /** Records a run that did not commit, and removes what it staged: readers never pointed at it. */
  private async recordFailure(
    runId: string,
    request: RunRequest,
    started: Date,
    steps: StepStats[],
    inputDir: string | undefined,
    computed: readonly Layer[],
    err: unknown,
    /** Why the run was cancelled ("cancelled by SIGINT"), when it was. */
    cancelled: string | undefined,
  ): Promise<void> {
    const { lake } = this.deps
    if (errorCode(err) === 'data_locked') return
    // A run stopped by a gate wrote bronze and silver whole: they stay, for inspection (see FAILED_RUNS_KEPT).
    const partial = !cancelled && err instanceof RunFailedError ? err.partial : undefined
    const kept: Layer[] = partial ? computed.filter((layer) => layer !== 'gold') : []
    const discarded = computed.filter((layer) => !kept.includes(layer))
    await lake.discardStaged(runId, discarded).catch(() => {})
    const evidence = await lake.persistStaged(runId, kept).then(
      () => Object.fromEntries(kept.map((layer) => [layer, layerFolder(layer, runId)])),
      () => ({}),
    )
    await commitRecord(lake, {
      runId,
      status: cancelled ? 'cancelled' : 'failed',
      trigger: request.trigger ?? 'manual',
      ...(request.triggeredBy ? { triggeredBy: request.triggeredBy } : {}),
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      from: request.from,
      layers: evidence,
      tables: partial?.tables ?? {},
      steps,
      quality: partial?.quality ?? {},
      inputDir,
      // The record is kept in the lake and listed by pipeline.runs: as clean as the task's error.
      error: (this.deps.redact ?? String)(cancelled ?? errorMessage(err)),
      bytes: 0,
      ...(partial?.dialect ? { dialect: partial.dialect } : {}),
      ...(partial?.files ? { files: partial.files } : {}),
    }).catch(() => {})
  }
}
