/**
 * Schedules with real timers, real processes (issue 17): `medallion schedule add` with a seconds-level
 * cron, `medallion serve` started as a child, runs recorded with trigger "schedule" and the schedule's id;
 * pause and remove stop them; two servers on one data folder never both run a schedule (the owner lease),
 * and the second takes over when the first is killed; a tick missed while nothing ran is run once at
 * start (catch-up) or skipped; a bad cron, zone or file is named.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ScheduleList, ScheduleView } from '../src-preload/contract-schedules.ts'
import { runCli } from './helpers/cli.ts'
import { cliJson, runsOf } from './helpers/cli-json.ts'
import { type ServeChild, startServe } from './helpers/serve-child.ts'
import { tempDir } from './helpers/temp-data.ts'

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

async function addSchedule(dataDir: string, cron: string, ...flags: string[]): Promise<ScheduleView> {
  return cliJson<ScheduleView>(['schedule', 'add', cron, '--tz', 'UTC', ...flags], dataDir)
}

/** A small data folder with generated sources (the machine is shared: a run takes about a second). */
async function smallDataFolder(prefix: string): Promise<string> {
  const dataDir = tempDir(prefix)
  const generated = await runCli(['generate', '--clients', '40', '--purchases', '150', '--data-dir', dataDir])
  expect(generated.code).toBe(0)
  return dataDir
}

const ticksOf = (serve: ServeChild, id: string) =>
  serve
    .stderr()
    .split('\n')
    .filter((line) => line.includes(`schedule ${id}: tick at`)).length

const servers: ServeChild[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((serve) => serve.stop()))
})
function serve(dataDir: string): ServeChild {
  const child = startServe(dataDir)
  servers.push(child)
  return child
}

describe('medallion schedule: the command line', () => {
  let dataDir = ''
  beforeAll(() => {
    dataDir = tempDir('medallion-schedule-cli-')
  })

  it('names the field of a bad cron expression or time zone, and adds nothing', async () => {
    const cron = await runCli(['schedule', 'add', '61 * * * *', '--data-dir', dataDir])
    expect(cron.code).toBe(1)
    expect(cron.stderr).toContain(
      'cron: "61 * * * *" is not a cron expression (Invalid value for minute: 61)',
    )
    const tz = await runCli(['schedule', 'add', '0 7 * * *', '--tz', 'Mars/Olympus', '--data-dir', dataDir])
    expect(tz.code).toBe(1)
    expect(tz.stderr).toContain('tz: "Mars/Olympus" is not a time zone')
    const engine = await runCli(['schedule', 'add', '0 7 * * *', '--engine', 'duckdb', '--data-dir', dataDir])
    expect(engine.code).toBe(1)
    expect(engine.stderr).toContain('schedules.add: engine')
    expect((await cliJson<ScheduleList>(['schedule', 'list'], dataDir)).schedules).toEqual([])
  })

  it('lists schedules with their next run time in their zone; the machine zone by default', async () => {
    const paris = await cliJson<ScheduleView>(
      ['schedule', 'add', '30 6 * * 1-5', '--tz', 'Europe/Paris', '--publish', '--train', 'predictor'],
      dataDir,
    )
    expect(paris).toMatchObject({
      cron: '30 6 * * 1-5',
      tz: 'Europe/Paris',
      publish: true,
      train: 'predictor',
    })
    const next = new Date(paris.nextRunAt ?? '')
    // 06:30 in Paris is 05:30 UTC in winter, 04:30 in summer, on a weekday.
    expect(next.getUTCMinutes()).toBe(30)
    expect([4, 5]).toContain(next.getUTCHours())
    expect([1, 2, 3, 4, 5]).toContain(next.getUTCDay())
    const local = await cliJson<ScheduleView>(['schedule', 'add', '0 7 * * *'], dataDir)
    expect(local.tz).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
    const list = await cliJson<ScheduleList>(['schedule', 'list'], dataDir)
    expect(list.schedules.map((s) => s.id)).toEqual([paris.id, local.id])
    expect(list.owner).toEqual({ state: 'none' })
    const text = await runCli(['schedule', 'list', '--data-dir', dataDir])
    expect(text.stdout).toContain(`${paris.id}  "30 6 * * 1-5"  Europe/Paris  next ${paris.nextRunAt}`)
    expect(text.stdout).toContain('then publish, train predictor')
  })

  it('a schedules file that is not valid is named with the field at fault', async () => {
    const broken = tempDir('medallion-schedule-bad-')
    await addSchedule(broken, '0 7 * * *')
    const file = join(broken, 'automation', 'schedules.json')
    writeFileSync(file, JSON.stringify({ version: 1, schedules: [{ id: 's-00000000', cron: 5 }] }))
    const list = await runCli(['schedule', 'list', '--data-dir', broken])
    expect(list.code).toBe(1)
    expect(list.stderr).toContain(`${file}: schedules.0.cron:`)
    // Edited by hand into an expression that is not one: named with the file, not when it would fire.
    const { nextRunAt: _next, ...stored } = await addSchedule(tempDir('medallion-schedule-x-'), '0 7 * * *')
    writeFileSync(file, JSON.stringify({ version: 1, schedules: [{ ...stored, cron: '0 25 * * *' }] }))
    const edited = await runCli(['schedule', 'list', '--data-dir', broken])
    expect(edited.code).toBe(1)
    expect(edited.stderr).toContain(`${file}: schedules.0.cron: cron: "0 25 * * *" is not a cron expression`)
  })
})

describe('schedules run in medallion serve', () => {
  it('runs carry trigger "schedule" and the id; pause and remove stop them, resume starts them again', async () => {
    const dataDir = await smallDataFolder('medallion-schedule-serve-')
    const schedule = await addSchedule(dataDir, '*/2 * * * * *')
    const server = serve(dataDir)
    await server.until(/run 2\d+T\d+Z-\w+ succeeded/g, 90_000, 2)
    const runs = await runsOf(dataDir, schedule.id)
    expect(runs.length).toBeGreaterThanOrEqual(2)
    for (const run of runs) expect(run).toMatchObject({ trigger: 'schedule', triggeredBy: schedule.id })
    const shown = await runCli(['runs', '--data-dir', dataDir])
    expect(shown.stdout).toContain(`schedule ${schedule.id}`)

    await cliJson(['schedule', 'pause', schedule.id], dataDir)
    // The server reads the schedules each second: after that, no tick.
    await sleep(2_500)
    const paused = ticksOf(server, schedule.id)
    await sleep(6_000)
    expect(ticksOf(server, schedule.id)).toBe(paused)

    await cliJson(['schedule', 'resume', schedule.id], dataDir)
    await server.until(new RegExp(`schedule ${schedule.id}: tick at`, 'g'), 30_000, paused + 1)

    await cliJson(['schedule', 'remove', schedule.id], dataDir)
    await sleep(2_500)
    const removed = ticksOf(server, schedule.id)
    await sleep(6_000)
    expect(ticksOf(server, schedule.id)).toBe(removed)
    expect((await cliJson<ScheduleList>(['schedule', 'list'], dataDir)).schedules).toEqual([])
    // Every tick started one run, and each run is in the history.
    await sleep(2_000)
    const started = server.stderr().match(/: run started/g)?.length ?? 0
    expect((await runsOf(dataDir, schedule.id)).length).toBe(started)
  }, 180_000)

  it('two servers on one data folder: one runs the schedule, the other takes over once it is killed', async () => {
    const dataDir = await smallDataFolder('medallion-schedule-lease-')
    const schedule = await addSchedule(dataDir, '*/2 * * * * *')
    const first = serve(dataDir)
    await first.until(/schedules: run by this process/)
    const second = serve(dataDir)
    await second.until(/another process runs them/)
    await first.until(/run 2\d+T\d+Z-\w+ succeeded/g, 90_000, 3)
    expect(second.stderr()).not.toContain('tick at')
    const owner = (await cliJson<ScheduleList>(['schedule', 'list'], dataDir)).owner
    expect(owner).toMatchObject({ state: 'other-process', pid: first.pid, purpose: 'medallion serve' })

    // Killed outright: its lease is left behind, and taken over since its process is gone.
    await first.stop('SIGKILL')
    await second.until(/schedules: run by this process/, 30_000)
    await second.until(/run 2\d+T\d+Z-\w+ succeeded/g, 90_000, 2)
    await second.stop()
    // One run per tick: no two runs of the schedule started on the same tick.
    const ticks = (await runsOf(dataDir, schedule.id)).map((r) => r.startedAt.slice(0, 19))
    expect(ticks.length).toBeGreaterThanOrEqual(5)
    expect(new Set(ticks).size).toBe(ticks.length)
  }, 240_000)

  it('a tick missed while nothing ran: run once at start with --catch-up, skipped without', async () => {
    const dataDir = await smallDataFolder('medallion-schedule-catchup-')
    // Once a day, a few seconds from now (UTC), after both are added: missed by the time the server starts.
    const at = new Date(Math.ceil((Date.now() + 6_000) / 1000) * 1000)
    const daily = `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} * * *`
    const [catchUp, skip] = await Promise.all([
      addSchedule(dataDir, daily, '--catch-up'),
      addSchedule(dataDir, daily),
    ])
    for (const added of [catchUp, skip]) expect(Date.parse(added.createdAt)).toBeLessThan(at.getTime())
    await sleep(at.getTime() - Date.now() + 1_000)

    const first = serve(dataDir)
    await first.until(new RegExp(`schedule ${skip.id}: skipped the run missed at`))
    await first.until(new RegExp(`schedule ${catchUp.id}: run \\S+ succeeded`), 90_000)
    expect(first.stderr()).toContain(
      `schedule ${catchUp.id}: catching up the run missed at ${at.toISOString().slice(0, 19)}`,
    )
    await first.stop()

    // Started again: that tick was caught up once, and is not run again.
    const second = serve(dataDir)
    await second.until(/schedules: run by this process/)
    await sleep(3_000)
    await second.stop()
    expect(second.stderr()).not.toContain('catching up')
    expect(second.stderr()).not.toContain('skipped the run missed')
    expect((await runsOf(dataDir, catchUp.id)).length).toBe(1)
    expect(await runsOf(dataDir, skip.id)).toEqual([])
  }, 180_000)
})
