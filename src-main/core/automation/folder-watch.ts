/**
 * Watches a folder's source files (clients/achats, CSV or Parquet: the names a run reads) and says when they
 * have changed and then stayed unchanged for `settleMs`: once per burst of changes, never while a file is
 * still being copied in. Built on chokidar; the caller decides what a settled change starts.
 */
import { type Stats, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import type { FSWatcher } from 'chokidar'
import { IMPORT_FILE_NAMES, isImportFileName } from '../../../src-preload/names-import.ts'

export interface FolderWatchOptions {
  dir: string
  /** How long the source files must stay unchanged (size and mtime) before `onSettled`. */
  settleMs: number
  onSettled: () => void
  onError: (error: Error) => void
}

export interface FolderWatch {
  close(): Promise<void>
}

export function watchFolder(options: FolderWatchOptions): FolderWatch {
  const dir = resolve(options.dir)
  let timer: NodeJS.Timeout | undefined
  let snapshot = ''
  let closed = false

  // A copy can pause longer than the watcher's events are apart, and events can be merged by the OS: the
  // files' sizes and mtimes are compared again when the timer fires, and a difference waits another round.
  const arm = () => {
    clearTimeout(timer)
    snapshot = sourcesSnapshot(dir)
    timer = setTimeout(settle, options.settleMs)
  }
  const settle = () => {
    if (closed) return
    if (sourcesSnapshot(dir) !== snapshot) return arm()
    timer = undefined
    options.onSettled()
  }

  // chokidar is ESM-only and loads with the first watch (the CLI's other commands never need it).
  const watcher: Promise<FSWatcher> = import('chokidar').then(({ watch }) => {
    const fsw = watch(dir, {
      depth: 0,
      ignoreInitial: true,
      // Only the source names: temporary names (an upload's, an editor's) are not a change until renamed.
      ignored: (path) => resolve(path) !== dir && !isImportFileName(basename(path)),
    })
    fsw.on('all', (event) => {
      if (!closed && event !== 'addDir' && event !== 'unlinkDir') arm()
    })
    fsw.on('error', (error) => options.onError(error instanceof Error ? error : new Error(String(error))))
    return fsw
  })
  watcher.catch((error: Error) => options.onError(error))

  return {
    async close() {
      closed = true
      clearTimeout(timer)
      await (await watcher.catch(() => undefined))?.close()
    },
  }
}

/** The source files' sizes and mtimes, as one comparable string (a missing file counts as a state too). */
function sourcesSnapshot(dir: string): string {
  return IMPORT_FILE_NAMES.map((name) => {
    let stats: Stats | undefined
    try {
      stats = statSync(join(dir, name))
    } catch {
      stats = undefined
    }
    return stats ? `${name}:${stats.size}:${stats.mtimeMs}` : `${name}:-`
  }).join('|')
}
