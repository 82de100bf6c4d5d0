/**
 * The one API between the UI and the core. Every call has a zod schema for its input (the renderer is
 * untrusted, so main validates before acting) and a declared output type; every event has a payload type.
 * Carried by IPC inside Electron, by HTTP in web mode, and called directly by the CLI.
 */
import { z } from 'zod'
import { call, EmptyInput } from './call.ts'
import {
  type DecimalMark,
  type Delimiter,
  LAYERS,
  MAX_PAGE,
  RESET_SCOPES,
  type RunTrigger,
  type SourceEncoding,
  WRITTEN_DIALECTS,
} from './values.ts'

export { LAYERS, MAX_PAGE, RESET_SCOPES, RUN_TRIGGERS, type RunTrigger } from './values.ts'

import { appCalls } from './contract-app.ts'
import { benchCalls } from './contract-bench.ts'
import { browseCalls } from './contract-browse.ts'
import { filesCalls } from './contract-files.ts'
import { importCalls } from './contract-import.ts'
import { insightsCalls } from './contract-insights.ts'
import { mlCalls } from './contract-ml.ts'
import { runsCalls } from './contract-runs.ts'
import { schedulesCalls } from './contract-schedules.ts'
import { settingsCalls } from './contract-settings.ts'
import { watchesCalls } from './contract-watches.ts'
import { FileDialectInput } from './dialect-input.ts'
import type { CallName, EventName } from './names.ts'

export { CALL_NAMES, type CallName, EVENT_NAMES, type EventName, isCallName, isEventName } from './names.ts'

export type Layer = (typeof LAYERS)[number]

export type TaskState = 'running' | 'succeeded' | 'failed' | 'cancelled'

export interface TaskInfo {
  id: string
  kind: string
  title: string
  state: TaskState
  /** 0..1 */
  progress: number
  /** What the task is doing now, e.g. "silver: cleaning achats". */
  step: string
  startedAt: string
  finishedAt?: string
  error?: string
  /** The most recent log lines (bounded). */
  logs: string[]
}

export interface StepStats {
  layer: Layer
  table: string
  rowsIn: number
  rowsOut: number
  ms: number
}

export type RunStatus = 'succeeded' | 'failed' | 'cancelled'

export interface RunRecord {
  runId: string
  status: RunStatus
  /** Who started the run (RUN_TRIGGERS); records written before it was kept read as `manual`. */
  trigger: RunTrigger
  /** The id of the schedule or saved watch that started it (trigger `schedule` or `watch`). */
  triggeredBy?: string
  /**
   * The record's place in the order the lake's records were written: the highest so far + 1, given under
   * the data lock when the record is written (succeeded, failed or cancelled). The current run is the
   * succeeded record with the highest, whatever the clock said. Absent in records written before Medallion
   * kept it: those count as older than any record that has it, ordered by `finishedAt`.
   */
  commitSeq?: number
  startedAt: string
  finishedAt: string
  /** The first layer this run computed; earlier layers were reused from the previous good run. */
  from: Layer
  /** Lake-relative folder of each layer this run points to (reused layers point to older runs' folders). */
  layers: Partial<Record<Layer, string>>
  /** Row count per written table, keyed "layer/table". */
  tables: Record<string, number>
  steps: StepStats[]
  /** Silver counters per source, with the original's counter names. */
  quality: Record<string, Record<string, number>>
  referenceDate?: string
  inputDir?: string
  error?: string
  /** Total bytes of the files this run wrote. */
  bytes: number
  /** Headline figures of the gold this run built. */
  kpis?: GoldKpis
  /** How each source file was read (runs from bronze). */
  dialect?: Partial<Record<SourceTable, FileDialect>>
  /** Rows read, kept, rejected and blank per source file (runs from bronze). */
  files?: Partial<Record<SourceTable, FileCounts>>
}

/** The two source files of a run. */
export type SourceTable = 'clients' | 'achats'

/** How a source file was read: given values win over detected ones (`detected` lists those guessed). */
export interface FileDialect {
  format: 'csv' | 'parquet'
  delimiter?: Delimiter
  encoding?: SourceEncoding
  /** True when the file began with a byte order mark. */
  bom?: boolean
  decimal?: DecimalMark
  /** strftime, as Polars reads it (e.g. %d/%m/%Y); times after the date are read with it. */
  dateFormat?: string
  detected: ('delimiter' | 'encoding' | 'decimal' | 'dateFormat')[]
}

/** Every row of a source file accounted for: rows read = kept + rejected + blank. */
export interface FileCounts {
  read: number
  kept: number
  rejected: number
  /** Lines with nothing in them (or only separators), skipped. */
  blank: number
}

export interface GoldKpis {
  total_ca: number
  total_achats: number
  total_clients: number
  panier_moyen: number
  expected_total: number
  segments: Record<string, number>
}

const PipelineRunInput = z
  .object({
    from: z.enum(LAYERS).default('bronze'),
    inputDir: z.string().min(1).max(4096).optional(),
    engine: z.enum(['polars', 'spark']).default('polars'),
    dialect: z
      .object({ clients: FileDialectInput.optional(), achats: FileDialectInput.optional() })
      .strict()
      .optional(),
    /** The run fails, keeping the previous gold, when silver rejects a larger share of a file (default 0.1). */
    maxRejectShare: z.number().min(0).max(1).optional(),
  })
  .strict()

/** Serving DTOs: rows as plain JSON (timestamps as ISO-8601 strings, naive UTC). */
export type Row = Record<string, string | number | boolean | null>

export interface ListResult {
  rows: Row[]
  /** Rows matching the filters, before offset and limit. */
  total: number
}

export interface ServedKpis extends Omit<GoldKpis, 'segments'> {
  /** = total_achats, the original's field. */
  dataset_size: number
}

export interface StoreHealth {
  store: 'mongo' | 'parquet'
  ok: boolean
  /** Where the store reads from (a MongoDB URL without credentials, or the lake folder), or what is wrong. */
  detail: string
  /** The run whose gold is served, when known. */
  runId?: string
}

/** The read API's list routes (spec §7), without the leading slash. */
export const DATA_ROUTES = [
  'monthly',
  'by_country',
  'by_product',
  'distribution',
  'daily',
  'weekly',
  'monthly_growth',
  'segments',
  'scores',
  'cohort',
  'retention',
  'predictions',
] as const
export type DataRoute = (typeof DATA_ROUTES)[number]

const DataTableInput = z
  .object({
    route: z.enum(DATA_ROUTES),
    /** `field` or `field:asc|desc`; the field must be one of the collection's. */
    sort: z.string().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(MAX_PAGE).optional(),
    offset: z.number().int().min(0).max(100_000_000).optional(),
    /** Exact-match filters on the route's filterable fields (e.g. segment_label, id_client). */
    filters: z.record(z.string().max(64), z.string().max(256)).optional(),
  })
  .strict()

const SourcesGenerateInput = z
  .object({
    clients: z.number().int().min(1).max(10_000_000).optional(),
    purchases: z.number().int().min(1).max(100_000_000).optional(),
    scale: z.number().positive().max(10_000).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(42),
    dirtyShare: z.number().min(0).max(0.5).default(0),
    /** `fr-excel` writes as a French spreadsheet saves "CSV": ";", Windows-1252, CRLF, decimal comma, day first. */
    dialect: z.enum(WRITTEN_DIALECTS).default('default'),
  })
  .strict()
  .default({ seed: 42, dirtyShare: 0, dialect: 'default' })

const PipelineRunsInput = z
  .object({ limit: z.number().int().min(1).max(1000).default(50) })
  .strict()
  .default({ limit: 50 })

const TaskIdInput = z.object({ id: z.string().min(1).max(128) }).strict()

/** The stack (compose/docker-compose.yml on a Docker-compatible engine), as the UI and the CLI see it. */
export type StackServiceState =
  | 'running'
  | 'exited'
  | 'created'
  | 'paused'
  | 'restarting'
  | 'dead'
  | 'removing'
  | 'missing'

export interface StackServiceStatus {
  service: string
  containerName: string
  state: StackServiceState
  health: 'healthy' | 'unhealthy' | 'starting' | 'none'
  exitCode?: number
  image: string
  ports: { hostIp: string; hostPort: number; containerPort: number; protocol: 'tcp' | 'udp' }[]
  startedAt?: string
  uptimeSeconds?: number
  /** False when the next Up recreates the container (its definition changed). */
  upToDate: boolean
}

/** Where a user opens each tool of the stack (loopback URLs). */
export interface StackLinks {
  minioConsole?: string
  mlflow?: string
  metabase?: string
  sparkUi?: string
}

export interface StackStatus {
  project: string
  composeFile: string
  /** The engine in use, or why none answers (with what to install). */
  engine?: { kind: 'docker' | 'podman'; version: string; endpoint: string; source: string }
  engineError?: string
  /** True after Up: the lake is on MinIO and gold is served from MongoDB. */
  active: boolean
  services: StackServiceStatus[]
  links: StackLinks
  /**
   * The env file of the stack's generated credentials (never the values) and the services without them.
   * Not named like a secret: the one redactor would take every value under such a name for one.
   */
  stackEnv?: StackEnvStatus
}

export interface StackEnvStatus {
  /** `<config>/stack.env`: `docker compose --env-file <file>` uses it when it is in clear. */
  file: string
  /** missing until the first Up; sealed with the desktop app's keychain; unreadable (see `problem`). */
  state: 'missing' | 'clear' | 'sealed' | 'unreadable'
  problem?: string
  /** Services whose volumes predate the credentials: they run without authentication. */
  withoutAuth: string[]
}

export type ResetScope = (typeof RESET_SCOPES)[number]

/** One step of a reset: what it deletes (containers and networks, volumes, local data folders). */
export interface ResetStep {
  scope: ResetScope
  items: { kind: 'container' | 'network' | 'volume' | 'path'; name: string }[]
}

export interface StackLogLine {
  time?: string
  stream: 'stdout' | 'stderr'
  text: string
}

const ServiceName = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/, 'a compose service name')

const StackUpInput = z
  .object({
    /** Compose profiles to enable, e.g. ["spark"]. */
    profiles: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'a profile name'))
      .max(8)
      .default([]),
    /** After the services are healthy: run the pipeline on MinIO and publish gold to MongoDB. */
    pipeline: z.boolean().default(true),
  })
  .strict()
  .default({ profiles: [], pipeline: true })

const ResetPreviewInput = z.object({ scope: z.enum(RESET_SCOPES) }).strict()

const ResetInput = z
  .object({
    scope: z.enum(RESET_SCOPES),
    /** Deleting needs an explicit yes: the UI shows the preview first. */
    confirm: z.literal(true, { error: 'a reset deletes data: pass confirm: true after reading the preview' }),
  })
  .strict()

const StackLogsInput = z
  .object({
    service: ServiceName,
    tail: z.number().int().min(1).max(10_000).default(200),
    since: z.iso.datetime({ offset: true }).optional(),
    search: z.string().min(1).max(200).optional(),
  })
  .strict()

export const contract = {
  'sources.generate': call<typeof SourcesGenerateInput, { taskId: string }>(SourcesGenerateInput),
  'pipeline.run': call<typeof PipelineRunInput, { taskId: string }>(PipelineRunInput),
  'pipeline.runs': call<typeof PipelineRunsInput, RunRecord[]>(PipelineRunsInput),
  'serving.publish': call<typeof EmptyInput, { taskId: string }>(EmptyInput),
  'serving.status': call<typeof EmptyInput, StoreHealth>(EmptyInput),
  'data.kpis': call<typeof EmptyInput, ServedKpis | null>(EmptyInput),
  'data.table': call<typeof DataTableInput, ListResult | null>(DataTableInput),
  'tasks.list': call<typeof EmptyInput, TaskInfo[]>(EmptyInput),
  'tasks.cancel': call<typeof TaskIdInput, { cancelled: boolean }>(TaskIdInput),
  'stack.status': call<typeof EmptyInput, StackStatus>(EmptyInput),
  'stack.up': call<typeof StackUpInput, { taskId: string }>(StackUpInput),
  'stack.down': call<typeof EmptyInput, { taskId: string }>(EmptyInput),
  'stack.resetPreview': call<typeof ResetPreviewInput, ResetStep[]>(ResetPreviewInput),
  'stack.reset': call<typeof ResetInput, { taskId: string }>(ResetInput),
  'stack.logs': call<typeof StackLogsInput, StackLogLine[]>(StackLogsInput),
  ...insightsCalls,
  ...benchCalls,
  ...mlCalls,
  ...settingsCalls,
  ...filesCalls,
  ...appCalls,
  ...browseCalls,
  ...importCalls,
  ...runsCalls,
  ...schedulesCalls,
  ...watchesCalls,
} as const satisfies Record<CallName, { input: z.ZodType; output: unknown }>

export type Contract = typeof contract
/** What a caller may pass (defaults not yet applied). */
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>
/** What a handler receives (validated, defaults applied). */
export type CallArgs<N extends CallName> = z.output<Contract[N]['input']>
export type CallOutput<N extends CallName> = Contract[N]['output']

export interface EventPayloads extends Record<EventName, unknown> {
  'task.changed': TaskInfo
  'task.log': { id: string; line: string }
  'stack.changed': StackStatus
  /** A run or a publish that finally failed (after its retries): the window notifies, a browser shows a banner. */
  'work.failed': WorkFailure
}

/** What a failure notice says: the task's kind, title and error (redacted like every task error). */
export interface WorkFailure {
  taskId: string
  kind: string
  title: string
  error: string
  finishedAt: string
}

/** Errors cross every boundary as this envelope and are rebuilt as `Error` on the other side. */
export interface ErrorEnvelope {
  error: { code: string; message: string }
}
export type ResultEnvelope<T> = { result: T } | ErrorEnvelope

/** What the preload exposes as `window.medallionFiles`: a dropped file's path (Electron's webUtils). */
export interface DroppedFiles {
  pathsOf(files: File[]): string[]
}

/** What the preload exposes as `window.medallion`. */
export interface MedallionBridge {
  invoke<N extends CallName>(name: N, input?: CallInput<N>): Promise<CallOutput<N>>
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}
