/**
 * The data folder's schedules, in `<data>/automation/schedules.json`: read and validated with zod at each
 * use (a bad file is named with the field at fault), changed under a short lock (the CLI, the window and
 * `medallion serve` may edit at once) and written atomically.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
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
import { writeFileAtomicSync } from '../atomic-file.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import { acquireFileLock, LockHeldError } from '../file-lock.ts'
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

/** How long an edit waits for another process's edit (each takes milliseconds). */
const EDIT_WAIT_MS = 3_000

function badFile(path: string, problem: string): MedallionError {
  return new MedallionError(
    'bad_schedules_file',
    `${path}: ${problem}; fix the file, or remove it to start with no schedules`,
  )
}

/** The schedules, in the order they were added; none when the file does not exist. */
export function readSchedules(dataDir: string): Schedule[] {
  const path = schedulesFile(dataDir)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw badFile(path, `cannot be read (${errorMessage(err)})`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw badFile(path, `not JSON (${errorMessage(err)})`)
  }
  const parsed = SchedulesFile.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw badFile(path, `${issue?.path.join('.') || '(file)'}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data.schedules
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** Applies `edit` to the stored schedules under the store's lock, and writes the result whole. */
async function editSchedules<T>(dataDir: string, edit: (schedules: Schedule[]) => T): Promise<T> {
  const path = schedulesFile(dataDir)
  mkdirSync(automationDir(dataDir), { recursive: true })
  const deadline = Date.now() + EDIT_WAIT_MS
  for (;;) {
    let lock: ReturnType<typeof acquireFileLock>
    try {
      lock = acquireFileLock(`${path}.lock`, 'editing the schedules', { subject: path })
    } catch (err) {
      if (!(err instanceof LockHeldError) || Date.now() > deadline) throw err
      await sleep(20)
      continue
    }
    try {
      const schedules = readSchedules(dataDir)
      const result = edit(schedules)
      writeFileAtomicSync(path, `${JSON.stringify({ version: 1, schedules }, null, 2)}\n`)
      return result
    } finally {
      lock.release()
    }
  }
}

function newScheduleId(): string {
  const random = BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36)
  return `s-${random.padStart(8, '0').slice(-8)}`
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
      id: newScheduleId(),
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
