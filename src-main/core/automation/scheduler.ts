/**
 * The owner's scheduler loop: one croner job per active schedule, kept in step with schedules.json (which
 * the CLI and the window change while it runs: re-read each second, jobs rebuilt only for schedules that
 * changed). At start, a tick missed while no process ran the schedules is run once (catch-up) or skipped,
 * as the schedule says. A tick whose previous run of that schedule is still going is skipped and logged.
 */
import type { Cron } from 'croner'
import type { Schedule } from '../../../src-preload/contract-schedules.ts'
import { errorMessage } from '../errors.ts'
import { cronRule, nextRunAfter } from './cron-rule.ts'
import { rereadFile } from './file-reread.ts'
import { readScheduleState, writeLastTick } from './schedule-state.ts'
import { readSchedules } from './schedule-store.ts'

export interface SchedulerDeps {
  dataDir: string
  /** Starts the schedule's run (and its publish and training); settles when all are done. */
  startRun: (schedule: Schedule) => Promise<void>
  log: (line: string) => void
  /** How often schedules.json is read again (default 1 s). */
  reloadMs?: number
}

interface Job {
  /** The fields the job was built from: a change of any rebuilds it. */
  key: string
  cron: Cron
}

const jobKey = (s: Schedule) => JSON.stringify([s.cron, s.tz, s.paused])

export class Scheduler {
  private readonly jobs = new Map<string, Job>()
  /** Schedules whose run is still going. */
  private readonly running = new Set<string>()
  private schedules: Schedule[] = []
  private reloader: { stop: () => void } | undefined

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    this.reloader = rereadFile({
      read: () => readSchedules(this.deps.dataDir),
      apply: (schedules) => this.keepJobs(schedules),
      log: this.deps.log,
      what: 'schedules',
      everyMs: this.deps.reloadMs ?? 1_000,
    })
    this.catchUp(new Date())
  }

  stop(): void {
    this.reloader?.stop()
    for (const job of this.jobs.values()) job.cron.stop()
    this.jobs.clear()
  }

  /** Takes the schedules as read again, and rebuilds the jobs of those that changed. */
  private keepJobs(schedules: Schedule[]): void {
    this.schedules = schedules
    const ids = new Set(this.schedules.map((s) => s.id))
    for (const [id, job] of this.jobs) {
      if (!ids.has(id)) {
        job.cron.stop()
        this.jobs.delete(id)
      }
    }
    for (const schedule of this.schedules) this.keepJob(schedule)
  }

  private keepJob(schedule: Schedule): void {
    const key = jobKey(schedule)
    const job = this.jobs.get(schedule.id)
    if (job?.key === key) return
    job?.cron.stop()
    this.jobs.delete(schedule.id)
    if (schedule.paused) return
    try {
      const cron = cronRule(schedule.cron, schedule.tz, () => this.tick(schedule.id, new Date()))
      this.jobs.set(schedule.id, { key, cron })
    } catch (err) {
      this.deps.log(`schedule ${schedule.id} not started: ${errorMessage(err)}`)
    }
  }

  /** Each schedule's tick missed since its last one (or since it was added): run once, or skipped. */
  private catchUp(now: Date): void {
    let lastTicks: Record<string, string>
    try {
      lastTicks = readScheduleState(this.deps.dataDir).lastTicks
    } catch (err) {
      this.deps.log(`no catch-up: ${errorMessage(err)}`)
      return
    }
    for (const schedule of this.schedules) {
      if (schedule.paused) continue
      const since = new Date(lastTicks[schedule.id] ?? schedule.createdAt)
      const missed = nextRunAfter(schedule.cron, schedule.tz, since)
      if (!missed || missed > now) continue
      if (schedule.catchUp) {
        this.deps.log(`schedule ${schedule.id}: catching up the run missed at ${missed.toISOString()}`)
        this.tick(schedule.id, now)
      } else {
        this.deps.log(
          `schedule ${schedule.id}: skipped the run missed at ${missed.toISOString()} (no catch-up)`,
        )
        this.remember(schedule.id, now)
      }
    }
  }

  private tick(id: string, at: Date): void {
    const schedule = this.schedules.find((s) => s.id === id)
    if (!schedule || schedule.paused) return
    this.remember(id, at)
    if (this.running.has(id)) {
      this.deps.log(`schedule ${id}: tick at ${at.toISOString()} skipped, its previous run is still going`)
      return
    }
    this.running.add(id)
    this.deps.log(`schedule ${id}: tick at ${at.toISOString()}`)
    this.deps
      .startRun(schedule)
      .catch((err) => this.deps.log(`schedule ${id}: failed: ${errorMessage(err)}`))
      .finally(() => this.running.delete(id))
  }

  private remember(id: string, at: Date): void {
    try {
      writeLastTick(
        this.deps.dataDir,
        id,
        at,
        this.schedules.map((s) => s.id),
      )
    } catch (err) {
      this.deps.log(`schedule ${id}: last tick not recorded: ${errorMessage(err)}`)
    }
  }
}
