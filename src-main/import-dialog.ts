/**
 * "Import files…" in the window (first-launch screen, File menu): the user picks a folder holding
 * clients.csv and achats.csv (or .parquet), and the pipeline runs on it where it is. The path comes from
 * the system dialog, never from text the page sent. The run is a task: the Tasks drawer follows it.
 */
import { type BrowserWindow, dialog } from 'electron'
import type { Chosen, TaskStarted } from '../src-preload/contract-app.ts'
import { IMPORT_PAGE_HASH } from '../src-preload/names-import.ts'
import type { PipelineService } from './core/pipeline.ts'
import type { ImportChoiceDeps } from './import-choice.ts'

/** Electron's open dialog, attached to the window when there is one, as import-choice.ts asks for it. */
export function electronOpenDialog(window: () => BrowserWindow | null): ImportChoiceDeps['showOpenDialog'] {
  return async (request) => {
    const parent = window()
    return parent ? dialog.showOpenDialog(parent, request) : dialog.showOpenDialog(request)
  }
}

/** File → Import Files…: the page's import flow (choose, preview, run), the same as its buttons open. */
export async function openImportPage(window: BrowserWindow | null): Promise<void> {
  if (!window) return
  window.show()
  await window.webContents.executeJavaScript(`location.hash = ${JSON.stringify(IMPORT_PAGE_HASH)}`)
}

export async function importFolder(
  window: BrowserWindow | null,
  pipeline: Pick<PipelineService, 'start'>,
): Promise<Chosen<TaskStarted & { folder: string }>> {
  const options = {
    title: 'Import files',
    message: 'Choose the folder that holds clients.csv and achats.csv (or .parquet)',
    buttonLabel: 'Import',
    properties: ['openDirectory' as const],
  }
  const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
  const folder = choice.filePaths[0]
  if (choice.canceled || !folder) return { chosen: false }
  return { chosen: true, folder, taskId: pipeline.start({ from: 'bronze', inputDir: folder }).task.id }
}
