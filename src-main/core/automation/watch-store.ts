/**
 * The data folder's saved watches, in `<data>/automation/watches.json` beside the schedules: read and
 * validated with zod at each use, changed under a short lock and written atomically (automation-file.ts).
 */
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { type SavedWatch, type WatchAddArgs, WatchAddInput } from '../../../src-preload/contract-watches.ts'
import { MAX_WATCHES, WATCH_ID_PATTERN } from '../../../src-preload/names-watches.ts'
import { MedallionError } from '../errors.ts'
import {
  type AutomationFile,
  editAutomationFile,
  newAutomationId,
  readAutomationFile,
} from './automation-file.ts'
import { automationDir } from './schedule-store.ts'

export function watchesFile(dataDir: string): string {
  return join(automationDir(dataDir), 'watches.json')
}

const StoredWatch = WatchAddInput.required()
  .extend({ id: z.string().regex(WATCH_ID_PATTERN), createdAt: z.iso.datetime({ offset: true }) })
  .strict()

const WatchesFile = z.object({
  version: z.literal(1),
  watches: z.array(StoredWatch).max(MAX_WATCHES),
})

const WATCHES = (dataDir: string): AutomationFile => ({
  path: watchesFile(dataDir),
  schema: WatchesFile,
  key: 'watches',
  badCode: 'bad_watches_file',
  what: 'saved watches',
})

/** The saved watches, in the order they were added; none when the file does not exist. */
export function readWatches(dataDir: string): SavedWatch[] {
  return readAutomationFile<SavedWatch>(WATCHES(dataDir))
}

/** Saves a watch; `args.dir` must already be absolute (and allowed, over HTTP). One watch per folder. */
export function addWatch(dataDir: string, args: WatchAddArgs, now = new Date()): Promise<SavedWatch> {
  if (!statSync(args.dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new MedallionError('not_found', `dir: ${args.dir} is not a folder`)
  }
  return editAutomationFile(WATCHES(dataDir), (watches: SavedWatch[]) => {
    const same = watches.find((w) => w.dir === args.dir)
    if (same) {
      throw new MedallionError('already_watched', `${args.dir} is already watched (${same.id})`)
    }
    if (watches.length >= MAX_WATCHES) {
      throw new MedallionError('too_many_watches', `at most ${MAX_WATCHES} saved watches: remove one first`)
    }
    const watch: SavedWatch = { id: newAutomationId('w'), ...args, createdAt: now.toISOString() }
    watches.push(watch)
    return watch
  })
}

export function removeWatch(dataDir: string, id: string): Promise<void> {
  return editAutomationFile(WATCHES(dataDir), (watches: SavedWatch[]) => {
    const index = watches.findIndex((w) => w.id === id)
    if (index < 0) {
      throw new MedallionError(
        'not_found',
        `no saved watch ${id} in ${watchesFile(dataDir)}: \`medallion watch list\` shows them`,
      )
    }
    watches.splice(index, 1)
  })
}
