/**
 * Schedules (issue 17): pipeline runs started by a cron expression, with their input, engine, and whether
 * to publish and train afterwards. Each call: its zod input schema (main validates before acting; the cron
 * expression and the time zone are checked by the core, which knows the cron library) and its output type;
 * names in names-schedules.ts.
 */
import { z } from 'zod'
import { call, EmptyInput } from './call.ts'
import {
  SCHEDULE_ID_PATTERN,
  SCHEDULE_INPUTS,
  SCHEDULE_TRAIN_MODELS,
  type ScheduleInputKind,
} from './names-schedules.ts'

/** An absolute folder (POSIX or Windows) holding clients.csv and achats.csv. */
export const AbsoluteFolder = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\'), {
    message: 'an absolute folder path',
  })

export const ScheduleInput = z.union([
  z.object({ kind: z.enum(SCHEDULE_INPUTS) }).strict(),
  z.object({ kind: z.literal('folder'), dir: AbsoluteFolder }).strict(),
])
export type ScheduleInputSpec = { kind: ScheduleInputKind } | { kind: 'folder'; dir: string }

export const ScheduleAddInput = z
  .object({
    /** Five fields, or six with seconds first (checked by the core's cron library). */
    cron: z.string().trim().min(1).max(200),
    input: ScheduleInput.default({ kind: 'sources' }),
    engine: z.enum(['polars', 'spark']).default('polars'),
    publish: z.boolean().default(false),
    train: z.enum(SCHEDULE_TRAIN_MODELS).optional(),
    /** An IANA time zone (Europe/Paris); the machine's when absent. */
    tz: z.string().trim().min(1).max(64).optional(),
    /** A tick missed while no process ran the schedules is run once at start (else skipped). */
    catchUp: z.boolean().default(false),
  })
  .strict()
export type ScheduleAddArgs = z.output<typeof ScheduleAddInput>

const ScheduleIdInput = z
  .object({
    id: z.string().regex(SCHEDULE_ID_PATTERN, 'a schedule id, as `medallion schedule list` shows it'),
  })
  .strict()

/** A schedule as stored in the data folder. */
export interface Schedule {
  id: string
  cron: string
  input: ScheduleInputSpec
  engine: 'polars' | 'spark'
  publish: boolean
  train?: (typeof SCHEDULE_TRAIN_MODELS)[number]
  /** The IANA time zone its cron is read in. */
  tz: string
  catchUp: boolean
  paused: boolean
  createdAt: string
}

/** A schedule with its next run time (none while paused). */
export interface ScheduleView extends Schedule {
  nextRunAt: string | null
}

/** Who runs the data folder's schedules now: this process, another one (named), or none. */
export interface ScheduleOwner {
  state: 'this-process' | 'other-process' | 'none'
  pid?: number
  /** What the owner is ("medallion serve", "the Medallion window"). */
  purpose?: string
  /** True when the owner keeps running them once its window is closed (the tray), or has no window. */
  keepsRunning?: boolean
}

export interface ScheduleList {
  schedules: ScheduleView[]
  owner: ScheduleOwner
}

export const schedulesCalls = {
  'schedules.list': call<typeof EmptyInput, ScheduleList>(EmptyInput),
  'schedules.add': call<typeof ScheduleAddInput, ScheduleView>(ScheduleAddInput),
  'schedules.pause': call<typeof ScheduleIdInput, ScheduleView>(ScheduleIdInput),
  'schedules.resume': call<typeof ScheduleIdInput, ScheduleView>(ScheduleIdInput),
  'schedules.remove': call<typeof ScheduleIdInput, { removed: boolean }>(ScheduleIdInput),
} as const
