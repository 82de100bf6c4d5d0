/**
 * "Import files…" in the window (first-launch screen, File menu): the user picks a folder holding
 * clients.csv and achats.csv (or .parquet), and the pipeline runs on it where it is. The path comes from
 * the system dialog, never from text the page sent. The run is a task: the Tasks drawer follows it.
 */
import { type BrowserWindow, dialog } from 'electron'
import type { Chosen, TaskStarted } from '../src-preload/contract-app.ts'
import type { PipelineService } from './core/pipeline.ts'

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
