/**
 * What the app and `medallion serve` start for their data folder: they try for the owner lease, again
 * every few seconds while another live process holds it (taking it over once that process is gone), and
 * run the schedules and the saved watches while they hold it. Stopping releases the lease; runs under way are the core's tasks
 * (the core's close cancels them).
 */
import type { Core } from '../app-core.ts'
import { errorMessage } from '../errors.ts'
import { type FileLock, liveLockHolder } from '../file-lock.ts'
import { type OwnerKind, tryOwnerLease } from './owner-lease.ts'
import { startAutomatedRun } from './run-starter.ts'
import { SavedWatches } from './saved-watches.ts'
import { Scheduler } from './scheduler.ts'

export interface AutomationOptions {
  kind: OwnerKind
  log: (line: string) => void
  /** How often a process without the lease tries again (default 2 s). */
  leaseRetryMs?: number
}

export interface Automation {
  /** True while this process holds the lease. */
  readonly owning: boolean
  stop(): Promise<void>
}

function stillHeld(lease: FileLock): boolean {
  return liveLockHolder(lease.path)?.nonce === lease.holder.nonce
}

export function startAutomation(core: Core, options: AutomationOptions): Automation {
  const { dataDir } = core.options
  let lease: FileLock | undefined
  let scheduler: Scheduler | undefined
  let watches: SavedWatches | undefined
  let waitingLogged = false
  const attempt = () => {
    if (lease) return keepLease()
    try {
      lease = tryOwnerLease(dataDir, options.kind)
    } catch (err) {
      options.log(`schedules not run: ${errorMessage(err)}`)
      return
    }
    if (!lease) {
      if (!waitingLogged) options.log('schedules: another process runs them; taking over if it stops')
      waitingLogged = true
      return
    }
    options.log(`schedules: run by this process (${process.pid})`)
    scheduler = new Scheduler({
      dataDir,
      log: options.log,
      startRun: (schedule) =>
        startAutomatedRun(
          core,
          {
            trigger: 'schedule',
            triggeredBy: schedule.id,
            input: schedule.input,
            engine: schedule.engine,
            publish: schedule.publish,
            ...(schedule.train ? { train: schedule.train } : {}),
          },
          options.log,
        ),
    })
    scheduler.start()
    watches = new SavedWatches({
      dataDir,
      log: options.log,
      startRun: (watch) =>
        startAutomatedRun(
          core,
          {
            trigger: 'watch',
            triggeredBy: watch.id,
            input: { kind: 'folder', dir: watch.dir },
            engine: watch.engine,
            publish: watch.publish,
          },
          options.log,
        ),
    })
    watches.start()
  }
  // The lease has no heartbeat: should its file be removed or replaced by hand, this process stops
  // running the schedules (and tries for the lease again) rather than run them beside another owner.
  const keepLease = () => {
    if (lease && stillHeld(lease)) return
    options.log('schedules: the lease was taken from this process; no longer running them here')
    scheduler?.stop()
    scheduler = undefined
    watches?.stop()
    watches = undefined
    lease = undefined
    waitingLogged = false
  }
  const retry = setInterval(attempt, options.leaseRetryMs ?? 2_000)
  attempt()
  return {
    get owning() {
      return lease !== undefined
    },
    stop: async () => {
      clearInterval(retry)
      scheduler?.stop()
      watches?.stop()
      lease?.release()
      lease = undefined
    },
  }
}
