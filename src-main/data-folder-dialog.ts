/**
 * Settings → "Move…" / "Use another folder…" in the window: the user picks a folder, confirms, and the app
 * restarts on it. Moving copies the data there (and removes the old folder once the copy is checked);
 * using points the app at the folder as it is. The choice is saved outside the data folder.
 */
import { type BrowserWindow, dialog, type MessageBoxOptions } from 'electron'
import type { Chosen } from '../src-preload/contract-app.ts'
import type { DataDirSource, DataFolderChange } from '../src-preload/names-app.ts'
import { checkNewDataFolder, moveDataFolder } from './core/data-folder-move.ts'
import { saveDataDir } from './core/data-location.ts'
import { MedallionError } from './core/errors.ts'
import type { TaskRegistry } from './core/tasks.ts'

export interface DataFolderDeps {
  window(): BrowserWindow | null
  dataDir: string
  dataDirSource: DataDirSource
  /** The app's configuration folder, where the choice is saved. */
  configDir: string
  tasks: Pick<TaskRegistry, 'list'>
  /** Restarts the app (after the answer has reached the page). */
  restart(): void
}

async function confirm(window: BrowserWindow | null, options: MessageBoxOptions): Promise<boolean> {
  const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options)
  return answer.response === 0
}

export async function changeDataFolder(
  deps: DataFolderDeps,
  change: DataFolderChange,
): Promise<Chosen<{ dataDir: string; restarting: boolean }>> {
  if (deps.dataDirSource === 'environment' || deps.dataDirSource === 'flag') {
    throw new MedallionError(
      'unavailable',
      `the data folder is set by ${deps.dataDirSource === 'environment' ? 'MEDALLION_DATA_DIR' : '--data-dir'}, which wins over Settings: change it there`,
    )
  }
  const busy = deps.tasks.list().find((t) => t.state === 'running')
  if (busy) throw new MedallionError('busy', `${busy.title} is under way: wait for it or cancel it first`)
  const window = deps.window()
  const options = {
    title: change === 'move' ? 'Move the data folder to…' : 'Use the data folder…',
    buttonLabel: change === 'move' ? 'Move here' : 'Use this folder',
    properties: ['openDirectory' as const, 'createDirectory' as const, 'promptToCreate' as const],
  }
  const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
  const target = choice.filePaths[0]
  if (choice.canceled || !target) return { chosen: false }
  checkNewDataFolder(deps.dataDir, target, change)
  const confirmed = await confirm(window, {
    type: 'question',
    buttons: [change === 'move' ? 'Move and restart' : 'Use and restart', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    message: change === 'move' ? `Move the data folder to ${target}?` : `Use ${target} as the data folder?`,
    detail:
      change === 'move'
        ? `Everything in ${deps.dataDir} (sources, runs, settings) is copied there and checked, then the old folder is removed. Medallion restarts on the new folder.`
        : `Medallion restarts on ${target}. ${deps.dataDir} stays as it is; choose it again to go back.`,
  })
  if (!confirmed) return { chosen: false }
  if (change === 'move') await moveDataFolder(deps.dataDir, target)
  saveDataDir(deps.configDir, target)
  deps.restart()
  return { chosen: true, dataDir: target, restarting: true }
}
