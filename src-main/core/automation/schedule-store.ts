/**
 * The data folder's schedules, in `<data>/automation/schedules.json`: read and validated with zod at each
 * use, changed under a short lock and written atomically (automation-file.ts).
 */
import { join } from 'node:path'
import { z } from 'zod'
import {
  type Schedule,
  type ScheduleAddArgs,
  ScheduleInput,
} from '../../../src-preload/contract-schedules.ts'
import {
  MAX_SCHEDULES,
  SCHEDULE_ID_PATTERN,
  SCHEDULE_TRAIN_MODELS,
} from '../../../src-preload/names-schedules.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import {
  type AutomationFile,
  editAutomationFile,
  newAutomationId,
  readAutomationFile,
} from './automation-file.ts'
import { checkTimeZone, cronRule, machineTimeZone } from './cron-rule.ts'

/** Schedules and saved watches live here, beside the lake. */
export function automationDir(dataDir: string): string {
  return join(dataDir, 'automation')
}

export function schedulesFile(dataDir: string): string {
  return join(automationDir(dataDir), 'schedules.json')
}

const StoredSchedule = z
  .object({
    id: z.string().regex(SCHEDULE_ID_PATTERN),
    cron: z.string().min(1),
    input: ScheduleInput,
    engine: z.enum(['polars', 'spark']),
    publish: z.boolean(),
    train: z.enum(SCHEDULE_TRAIN_MODELS).optional(),
    tz: z.string().min(1),
    catchUp: z.boolean(),
    paused: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .strict()
  // A hand-edited expression or zone is named here, with the file, rather than when it would fire.
  .superRefine((schedule, context) => {
    try {
      cronRule(schedule.cron, schedule.tz).stop()
    } catch (err) {
      const field = errorMessage(err).startsWith('tz:') ? 'tz' : 'cron'
      context.addIssue({ code: 'custom', path: [field], message: errorMessage(err) })
    }
  })

const SchedulesFile = z.object({
  version: z.literal(1),
  schedules: z.array(StoredSchedule).max(MAX_SCHEDULES),
})

const SCHEDULES: (dataDir: string) => AutomationFile = (dataDir) => ({
  path: schedulesFile(dataDir),
  schema: SchedulesFile,
  key: 'schedules',
  badCode: 'bad_schedules_file',
  what: 'schedules',
})

/** The schedules, in the order they were added; none when the file does not exist. */
export function readSchedules(dataDir: string): Schedule[] {
  return readAutomationFile<Schedule>(SCHEDULES(dataDir))
}

function editSchedules<T>(dataDir: string, edit: (schedules: Schedule[]) => T): Promise<T> {
  return editAutomationFile(SCHEDULES(dataDir), edit)
}

/** Adds a schedule (its cron and zone checked first); `input.dir` must already be absolute and allowed. */
export function addSchedule(dataDir: string, args: ScheduleAddArgs, now = new Date()): Promise<Schedule> {
  const tz = checkTimeZone(args.tz ?? machineTimeZone())
  cronRule(args.cron, tz).stop()
  return editSchedules(dataDir, (schedules) => {
    if (schedules.length >= MAX_SCHEDULES) {
      throw new MedallionError('too_many_schedules', `at most ${MAX_SCHEDULES} schedules: remove one first`)
    }
    const schedule: Schedule = {
      id: newAutomationId('s'),
      cron: args.cron,
      input: args.input,
      engine: args.engine,
      publish: args.publish,
      ...(args.train ? { train: args.train } : {}),
      tz,
      catchUp: args.catchUp,
      paused: false,
      createdAt: now.toISOString(),
    }
    schedules.push(schedule)
    return schedule
  })
}

function notFound(dataDir: string, id: string): MedallionError {
  return new MedallionError(
    'not_found',
    `no schedule ${id} in ${schedulesFile(dataDir)}: \`medallion schedule list\` shows them`,
  )
}

export function setSchedulePaused(dataDir: string, id: string, paused: boolean): Promise<Schedule> {
  return editSchedules(dataDir, (schedules) => {
    const schedule = schedules.find((s) => s.id === id)
    if (!schedule) throw notFound(dataDir, id)
    schedule.paused = paused
    return { ...schedule }
  })
}

export function removeSchedule(dataDir: string, id: string): Promise<void> {
  return editSchedules(dataDir, (schedules) => {
    const index = schedules.findIndex((s) => s.id === id)
    if (index < 0) throw notFound(dataDir, id)
    schedules.splice(index, 1)
  })
}
