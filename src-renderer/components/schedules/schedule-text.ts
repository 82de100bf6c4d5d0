/** How the Schedules panel words a schedule's input and follow-ups, and who runs the schedules. */
import type { ScheduleOwner, ScheduleView } from '../../../src-preload/contract-schedules.ts'

export function inputText(schedule: Pick<ScheduleView, 'input'>): string {
  const { input } = schedule
  if (input.kind === 'folder') return input.dir
  return input.kind === 'sources' ? "the data folder's sources" : 'the last import'
}

export function afterText(schedule: Pick<ScheduleView, 'publish' | 'train'>): string {
  const steps = [schedule.publish ? 'publish' : '', schedule.train ? `train the ${schedule.train}` : '']
  return steps.filter(Boolean).join(', ') || '—'
}

/** The line saying where schedules run, and whether they stop when the window closes. */
export function ownerText(owner: ScheduleOwner, desktop: boolean): string {
  if (owner.state === 'none') {
    return 'No process runs the schedules now: they run while the app or `medallion serve` is open on this data folder.'
  }
  const where = owner.state === 'this-process' ? (desktop ? 'this app' : 'this server') : owner.purpose
  const pid = owner.state === 'other-process' ? ` (process ${owner.pid})` : ''
  if (!owner.keepsRunning) {
    return `Schedules run in ${where}${pid} and stop when its window closes (Medallion quits).`
  }
  return `Schedules run in ${where}${pid}, even with no window open; they stop when it stops.`
}
