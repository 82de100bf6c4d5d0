/**
 * Reading a schedule's cron expression and time zone with croner (five fields, or six with seconds first;
 * daylight-saving changes handled by the library). A bad expression or zone is named by its field.
 */
import { Cron } from 'croner'
import { errorMessage, MedallionError } from '../errors.ts'

/** The machine's IANA time zone: a schedule added without one keeps the zone it was added in. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

/** `tz` when it is an IANA time zone, else `bad_schedule` naming the field. */
export function checkTimeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return tz
  } catch {
    throw new MedallionError(
      'bad_schedule',
      `tz: "${tz}" is not a time zone: give an IANA name such as Europe/Paris, America/New_York or UTC`,
    )
  }
}

/**
 * The expression as a croner job that never fires by itself (paused): its next times are asked, or it is
 * given a callback by the scheduler. `bad_schedule` names the field at fault.
 */
export function cronRule(cron: string, tz: string, fire?: () => void): Cron {
  checkTimeZone(tz)
  try {
    const options = { timezone: tz, mode: '5-or-6-parts' as const, paused: !fire }
    return fire ? new Cron(cron, options, fire) : new Cron(cron, options)
  } catch (err) {
    const reason = errorMessage(err).replace(/^CronPattern: /, '')
    throw new MedallionError(
      'bad_schedule',
      `cron: "${cron}" is not a cron expression (${reason}): five fields "minute hour day month weekday", or six with seconds first`,
    )
  }
}

/** The schedule's next time strictly after `from` (default now), or null when it never fires again. */
export function nextRunAfter(cron: string, tz: string, from?: Date): Date | null {
  const rule = cronRule(cron, tz)
  try {
    return rule.nextRun(from)
  } finally {
    rule.stop()
  }
}
