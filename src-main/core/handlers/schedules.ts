/** The contract's schedule calls: the data folder's schedules with their next run times, and who runs them. */
import type { Schedule, ScheduleView } from '../../../src-preload/contract-schedules.ts'
import type { SCHEDULES_CALLS } from '../../../src-preload/names-schedules.ts'
import type { Core } from '../app-core.ts'
import { nextRunAfter } from '../automation/cron-rule.ts'
import { currentOwner } from '../automation/owner-lease.ts'
import {
  addSchedule,
  readSchedules,
  removeSchedule,
  setSchedulePaused,
} from '../automation/schedule-store.ts'
import type { HandlersOf } from '../rpc.ts'

function view(schedule: Schedule, now = new Date()): ScheduleView {
  const next = schedule.paused ? null : nextRunAfter(schedule.cron, schedule.tz, now)
  return { ...schedule, nextRunAt: next ? next.toISOString() : null }
}

export function schedulesHandlers(core: Pick<Core, 'options'>): HandlersOf<typeof SCHEDULES_CALLS> {
  const { dataDir } = core.options
  return {
    'schedules.list': async () => ({
      schedules: readSchedules(dataDir).map((schedule) => view(schedule)),
      owner: currentOwner(dataDir),
    }),
    'schedules.add': async (args) => view(await addSchedule(dataDir, args)),
    'schedules.pause': async ({ id }) => view(await setSchedulePaused(dataDir, id, true)),
    'schedules.resume': async ({ id }) => view(await setSchedulePaused(dataDir, id, false)),
    'schedules.remove': async ({ id }) => {
      await removeSchedule(dataDir, id)
      return { removed: true }
    },
  }
}
