/**
 * The window's ways to choose what to import, with no Electron import (main passes its dialog in, tests
 * pass theirs): a folder, or the two files, from the system dialog; or what was dropped on the window, as
 * paths the preload got from `webUtils.getPathForFile`. Every path is checked here — an existing regular
 * file named like a source (clients/achats, .csv/.parquet), one of each — never trusted from the page.
 * The answer is the folder a run reads: the files' own folder when it holds exactly them, else a folder
 * under `<data>/imports/` linking to them (the files are still read where they are); `linked` says which,
 * since only the user's own folder is worth watching for new files.
 */
import { lstatSync, mkdirSync, symlinkSync } from 'node:fs'
import { basename, dirname, isAbsolute, join } from 'node:path'
import type { ChosenImport } from '../src-preload/contract-import.ts'
import type { IMPORT_PICKS } from '../src-preload/names-import.ts'
import { IMPORT_FILE_NAMES, isImportFileName } from '../src-preload/names-import.ts'
import { MedallionError } from './core/errors.ts'
import { importFolder, newImportId } from './core/import/import-folders.ts'
import { sourceFile } from './core/pipeline.ts'
import type { Handlers } from './core/rpc.ts'

export interface OpenDialogChoice {
  canceled: boolean
  filePaths: string[]
}

export interface OpenDialogRequest {
  title: string
  message: string
  buttonLabel: string
  properties: ('openDirectory' | 'openFile' | 'multiSelections')[]
  filters?: { name: string; extensions: string[] }[]
}

export interface ImportChoiceDeps {
  /** Electron's `dialog.showOpenDialog` on the window, or a test's. */
  showOpenDialog(request: OpenDialogRequest): Promise<OpenDialogChoice>
  dataDir: string
}

export type ImportChoice = ({ chosen: true } & ChosenImport) | { chosen: false }

const HOW_NAMED = `named ${IMPORT_FILE_NAMES.join(', ')}`

function refuse(message: string): MedallionError {
  return new MedallionError('bad_import', message)
}

/** A folder holding both sources (checked as a run checks it: the message names what is missing). */
function checkFolder(folder: string): string {
  sourceFile(folder, 'clients')
  sourceFile(folder, 'achats')
  return folder
}

/** One existing regular file named like a source, by an absolute path. */
function checkFile(path: string): void {
  const name = basename(path)
  if (!isAbsolute(path)) throw refuse(`${name}: a dropped or chosen file must come with its full path`)
  if (!isImportFileName(name)) throw refuse(`${name} is not a source file: the files must be ${HOW_NAMED}`)
  const entry = lstatSync(path, { throwIfNoEntry: false })
  if (!entry) throw refuse(`${path} does not exist`)
  if (!entry.isFile()) throw refuse(`${path} is not a regular file (a folder, a link or a device)`)
}

/** The two files (one clients, one achats): the folder a run on exactly them reads. */
function folderOfFiles(deps: Pick<ImportChoiceDeps, 'dataDir'>, paths: readonly string[]): ChosenImport {
  for (const path of paths) checkFile(path)
  const byTable = (table: string) => paths.find((path) => basename(path).startsWith(`${table}.`))
  const clients = byTable('clients')
  const achats = byTable('achats')
  if (paths.length !== 2 || !clients || !achats) {
    throw refuse(
      `choose two files, one clients and one achats (${HOW_NAMED}): got ${paths.map((p) => basename(p)).join(', ')}`,
    )
  }
  const folder = dirname(clients)
  const readAsChosen = (() => {
    try {
      return sourceFile(folder, 'clients') === clients && sourceFile(folder, 'achats') === achats
    } catch {
      return false
    }
  })()
  if (readAsChosen) return { inputDir: folder, linked: false }
  // Two folders, or a folder where a run would read another file of the same name (.csv before .parquet).
  const linked = importFolder(deps.dataDir, newImportId())
  mkdirSync(linked, { recursive: true })
  symlinkSync(clients, join(linked, basename(clients)))
  symlinkSync(achats, join(linked, basename(achats)))
  return { inputDir: linked, linked: true }
}

/** The system dialog: a folder, or the two files. Closing it chooses nothing. */
export async function chooseImport(
  deps: ImportChoiceDeps,
  pick: (typeof IMPORT_PICKS)[number],
): Promise<ImportChoice> {
  const choice = await deps.showOpenDialog(
    pick === 'folder'
      ? {
          title: 'Import files',
          message: 'Choose the folder that holds clients.csv and achats.csv (or .parquet)',
          buttonLabel: 'Import',
          properties: ['openDirectory'],
        }
      : {
          title: 'Import files',
          message: 'Choose clients.csv and achats.csv (or .parquet)',
          buttonLabel: 'Import',
          properties: ['openFile', 'multiSelections'],
          filters: [{ name: 'Sources', extensions: ['csv', 'parquet'] }],
        },
  )
  if (choice.canceled || choice.filePaths.length === 0) return { chosen: false }
  const folder =
    pick === 'folder'
      ? { inputDir: checkFolder(choice.filePaths[0] as string), linked: false }
      : folderOfFiles(deps, choice.filePaths)
  return { chosen: true, ...folder }
}

/** What was dropped on the window: one folder, or the two files. */
export function importDropped(
  deps: Pick<ImportChoiceDeps, 'dataDir'>,
  paths: readonly string[],
): ChosenImport {
  const [first] = paths
  if (
    paths.length === 1 &&
    first &&
    isAbsolute(first) &&
    lstatSync(first, { throwIfNoEntry: false })?.isDirectory()
  ) {
    return { inputDir: checkFolder(first), linked: false }
  }
  return folderOfFiles(deps, paths)
}

/** The window's answers to the import calls (desktop-handlers.ts), over the dialog it is given. */
export function windowImportHandlers(
  deps: ImportChoiceDeps,
): Pick<Handlers, 'app.importChoose' | 'app.importDropped'> {
  return {
    'app.importChoose': ({ pick }) => chooseImport(deps, pick),
    'app.importDropped': async ({ paths }) => importDropped(deps, paths),
  }
}
