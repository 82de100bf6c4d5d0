/**
 * The owner's scheduler loop in this process, with real timers and a seconds-level cron: a tick whose
 * previous run of that schedule is still going is skipped and logged (no second run starts), and the next
 * tick after the run ends starts one again. Schedules added by processes at once are all kept (the store's lock).
 */
import { describe, expect, it } from 'vitest'
import { addSchedule, readSchedules } from '../src-main/core/automation/schedule-store.ts'
import { Scheduler } from '../src-main/core/automation/scheduler.ts'
import type { Schedule } from '../src-preload/contract-schedules.ts'
import { runCli } from './helpers/cli.ts'
import { tempDir } from './helpers/temp-data.ts'

const ADD = { input: { kind: 'sources' as const }, engine: 'polars' as const, publish: false, catchUp: false }

describe('the scheduler loop', () => {
  it('skips and logs a tick while the previous run of the schedule is still going', async () => {
    const dataDir = tempDir('medallion-scheduler-')
    const schedule = await addSchedule(dataDir, { ...ADD, cron: '* * * * * *', tz: 'UTC' })
    const lines: string[] = []
    const started: Schedule[] = []
    let finish = () => {}
    const firstRunHeld = new Promise<void>((done) => {
      finish = done
    })
    let skipped = () => {}
    const skippedOnce = new Promise<void>((done) => {
      skipped = done
    })
    const scheduler = new Scheduler({
      dataDir,
      log: (line) => {
        lines.push(line)
        if (line.includes('skipped, its previous run is still going')) skipped()
      },
      // The first run lasts until the test ends it; later ones end at once.
      startRun: (s) => {
        started.push(s)
        return started.length === 1 ? firstRunHeld : Promise.resolve()
      },
    })
    scheduler.start()
    try {
      await skippedOnce
      expect(started).toHaveLength(1)
      // On a loaded machine a late timer may also log a missed tick ("skipped the run missed at…"): the
      // overlapping tick's own line is the one checked.
      expect(lines.find((l) => l.includes('previous run is still going'))).toMatch(
        new RegExp(`^schedule ${schedule.id}: tick at \\S+ skipped, its previous run is still going$`),
      )
      finish()
      await new Promise<void>((done) => {
        const check = setInterval(() => {
          if (started.length >= 2) {
            clearInterval(check)
            done()
          }
        }, 50)
      })
      expect(started[1]?.id).toBe(schedule.id)
    } finally {
      scheduler.stop()
    }
  }, 30_000)

  it('keeps every schedule added at the same time by several processes (the store edits under a lock)', async () => {
    const dataDir = tempDir('medallion-schedule-store-')
    const added = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const result = await runCli(['schedule', 'add', `${i} 7 * * *`, '--json', '--data-dir', dataDir])
        expect(result.code).toBe(0)
        return (JSON.parse(result.stdout) as Schedule).id
      }),
    )
    expect(new Set(readSchedules(dataDir).map((s) => s.id))).toEqual(new Set(added))
  }, 60_000)
})
