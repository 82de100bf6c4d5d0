/**
 * The owner's saved-watch loop: one folder watcher per saved watch, kept in step with watches.json (the CLI
 * and the window change it while it runs: re-read each second, like the schedules). A settled change starts
 * the watch's run; changes during that run make one more run after it (coalesced-runs.ts).
 */
import type { SavedWatch } from '../../../src-preload/contract-watches.ts'
import { errorMessage } from '../errors.ts'
import { type CoalescedRuns, coalescedRuns } from './coalesced-runs.ts'
import { rereadFile } from './file-reread.ts'
import { type FolderWatch, watchFolder } from './folder-watch.ts'
import { readWatches } from './watch-store.ts'

export interface SavedWatchesDeps {
  dataDir: string
  /** Starts the watch's run (and its publish); settles when all are done. */
  startRun: (watch: SavedWatch) => Promise<void>
  log: (line: string) => void
  /** How often watches.json is read again (default 1 s). */
  reloadMs?: number
}

interface Running {
  /** The fields the watcher was built from: a change of any rebuilds it. */
  key: string
  folder: FolderWatch
  runs: CoalescedRuns
}

const watchKey = (w: SavedWatch) => JSON.stringify([w.dir, w.settleSeconds, w.engine, w.publish])

export class SavedWatches {
  private readonly running = new Map<string, Running>()
  private reloader: { stop: () => void } | undefined

  constructor(private readonly deps: SavedWatchesDeps) {}

  start(): void {
    this.reloader = rereadFile({
      read: () => readWatches(this.deps.dataDir),
      apply: (watches) => this.keepWatchers(watches),
      log: this.deps.log,
      what: 'saved watches',
      everyMs: this.deps.reloadMs ?? 1_000,
    })
  }

  /** Closes the watchers; a run under way is the core's task (the core's close cancels it). */
  stop(): void {
    this.reloader?.stop()
    for (const [id, entry] of this.running) this.close(id, entry)
  }

  /** Takes the watches as read again: a watcher for each new one, rebuilt for each changed one. */
  private keepWatchers(watches: SavedWatch[]): void {
    const byId = new Map(watches.map((w) => [w.id, w]))
    for (const [id, entry] of this.running) {
      const watch = byId.get(id)
      if (!watch || watchKey(watch) !== entry.key) this.close(id, entry)
    }
    for (const watch of watches) if (!this.running.has(watch.id)) this.open(watch)
  }

  private open(watch: SavedWatch): void {
    const { log } = this.deps
    const runs = coalescedRuns(() =>
      this.deps.startRun(watch).catch((err) => log(`watch ${watch.id}: failed: ${errorMessage(err)}`)),
    )
    const folder = watchFolder({
      dir: watch.dir,
      settleMs: watch.settleSeconds * 1000,
      onSettled: () => {
        log(`watch ${watch.id}: ${watch.dir} changed and settled`)
        runs.request()
      },
      onError: (error) => log(`watch ${watch.id}: ${watch.dir}: ${error.message}`),
    })
    this.running.set(watch.id, { key: watchKey(watch), folder, runs })
    log(`watch ${watch.id}: watching ${watch.dir}`)
  }

  private close(id: string, entry: Running): void {
    this.running.delete(id)
    this.deps.log(`watch ${id}: no longer watching`)
    entry.folder.close().catch((err) => this.deps.log(`watch ${id}: not closed: ${errorMessage(err)}`))
  }
}
