/**
 * Call names and plain values of one area of the contract (no zod: the preload and the renderer import
 * these). Schedules (issue 17): pipeline runs started by cron expressions, run by the process that owns
 * the data folder's automation (the app or `medallion serve`).
 */
export const SCHEDULES_CALLS = [
  'schedules.list',
  'schedules.add',
  'schedules.pause',
  'schedules.resume',
  'schedules.remove',
] as const

/** A schedule's id: made by the core (`s-` and 8 base-36 characters), never by a caller. */
export const SCHEDULE_ID_PATTERN = /^s-[a-z0-9]{8}$/

/** What a scheduled run reads, resolved when it starts: the data folder's sources, the last import, a folder. */
export const SCHEDULE_INPUTS = ['sources', 'last-import'] as const
export type ScheduleInputKind = (typeof SCHEDULE_INPUTS)[number]

/** Models a schedule may train after its run, as `medallion train` names them. */
export const SCHEDULE_TRAIN_MODELS = ['predictor', 'advisor'] as const

/** At most this many schedules per data folder (a file read at every change). */
export const MAX_SCHEDULES = 100

/** The cron hint the UI shows: five fields, or six with seconds first. */
export const CRON_HINT =
  '[second] minute hour day-of-month month day-of-week — e.g. "0 7 * * *" every day at 07:00, "0 */15 * * * *" every 15 minutes, "0 6 * * 1-5" weekdays at 06:00'
