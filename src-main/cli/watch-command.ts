/**
 * `medallion watch DIR`: in the foreground, a pipeline run (trigger `watch`) each time DIR's source files
 * change and then stay unchanged for the settle time; changes during a run make one more run after it.
 * Transient failures are retried (core.retryPolicy). Each run's result is printed (a failed run too: the watch goes on). Ctrl+C or SIGTERM closes the watch,
 * cancels a run under way (the previous gold stays current) and exits 0 once it has wound down.
 */
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Core } from '../core/app-core.ts'
import { coalescedRuns } from '../core/automation/coalesced-runs.ts'
import { watchFolder } from '../core/automation/folder-watch.ts'
import { errorMessage } from '../core/errors.ts'
import { type CommandIo, numberFlag, UsageError } from './command-io.ts'
import { runSummary } from './format.ts'
import type { Values } from './options.ts'
import { SAVED_WATCH_ACTIONS } from './saved-watch-actions.ts'
import { cancelOnSignals } from './signal-cancel.ts'

export const DEFAULT_SETTLE_SECONDS = 3

function watchedDir(raw: string | undefined): string {
  if (!raw) throw new UsageError('watch needs the folder to watch: medallion watch DIR')
  const dir = resolve(raw)
  const stats = statSync(dir, { throwIfNoEntry: false })
  if (!stats) throw new UsageError(`${dir} does not exist`)
  if (!stats.isDirectory()) throw new UsageError(`${dir} is not a folder`)
  return dir
}

function engineFlag(raw: string | undefined): 'polars' | 'spark' {
  const engine = raw ?? 'polars'
  if (engine !== 'polars' && engine !== 'spark')
    throw new UsageError(`--engine must be polars or spark, got "${raw}"`)
  return engine
}

export async function watchCommand(
  core: Core,
  values: Values,
  io: CommandIo,
  positionals: string[],
): Promise<number> {
  // `watch add|list|remove` manage the saved watches (a folder of that name is given as ./add).
  if (SAVED_WATCH_ACTIONS.includes(positionals[1] as (typeof SAVED_WATCH_ACTIONS)[number])) {
    const { savedWatchCommand } = await import('./saved-watch-command.ts')
    return savedWatchCommand(core, values, io, positionals)
  }
  const dir = watchedDir(positionals[1])
  const engine = engineFlag(values.engine)
  const settleMs = (numberFlag('settle', values.settle, false) ?? DEFAULT_SETTLE_SECONDS) * 1000
  // One line per result (a stream of JSON documents with --json, one per line).
  const report = (value: unknown, text: string) =>
    io.stdout.write(values.json ? `${JSON.stringify(value)}\n` : `${text}\n`)

  const runs = coalescedRuns(async () => {
    try {
      const record = await io.follow(
        core.pipeline.start({
          from: 'bronze',
          inputDir: dir,
          engine,
          trigger: 'watch',
          retry: core.retryPolicy,
        }),
      )
      report(record, runSummary(record, core.lake))
      if (values.publish) {
        const summary = await io.follow(core.publish({ retry: core.retryPolicy }))
        report(summary, `published run ${summary.runId} in ${(summary.ms / 1000).toFixed(2)} s`)
      }
    } catch (err) {
      // The watch goes on: the next change may fix what failed.
      const error = { code: (err as { code?: string }).code ?? 'internal', message: errorMessage(err) }
      if (values.json) io.stdout.write(`${JSON.stringify({ error })}\n`)
      io.stderr.write(`medallion: ${error.message}\n`)
    }
  })

  let failure: Error | undefined
  let stop = () => {}
  const stopped = new Promise<void>((done) => {
    stop = done
  })
  const watch = watchFolder({
    dir,
    settleMs,
    onSettled: () => runs.request(),
    onError: (error) => {
      failure = error
      stop()
    },
  })
  const signals = cancelOnSignals({
    cancel: async (by) => {
      stop()
      await core.cancelAll(by)
    },
    stderr: io.stderr,
    outcome: 'watch stopped (a run under way is cancelled: the previous gold stays current)',
  })
  io.stderr.write(
    `medallion: watching ${dir} (runs ${settleMs / 1000} s after clients/achats stop changing` +
      `${values.publish ? ', then publishes' : ''}). Ctrl+C stops.\n`,
  )
  try {
    await stopped
    await watch.close()
    await signals.cancelled
    await runs.idle()
  } finally {
    signals.dispose()
  }
  if (failure) throw failure
  return 0
}
