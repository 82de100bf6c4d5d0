/** Help → "Export diagnostics…": a save dialog, then the zip the core writes (secrets removed). */
import { join } from 'node:path'
import { app, type BrowserWindow, dialog } from 'electron'
import { exportFileName } from '../src-preload/values.ts'
import type { Core } from './core/app-core.ts'
import { diagnosticsSourcesFromCore } from './core/diagnostics/core-sources.ts'
import { writeDiagnosticsZip } from './core/diagnostics/diagnostics-zip.ts'
import { errorMessage } from './core/errors.ts'

export async function exportDiagnostics(
  window: BrowserWindow | null,
  core: Core,
  logFiles: string[],
): Promise<void> {
  const options = {
    title: 'Export diagnostics',
    defaultPath: join(app.getPath('downloads'), exportFileName('medallion-diagnostics', 'zip')),
    filters: [{ name: 'Zip', extensions: ['zip'] }],
  }
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
  if (choice.canceled || !choice.filePath) return
  const versions = { electron: process.versions.electron, chrome: process.versions.chrome }
  try {
    const sources = diagnosticsSourcesFromCore(core, {
      medallionVersion: app.getVersion(),
      versions,
      logFiles,
    })
    const written = await writeDiagnosticsZip(choice.filePath, sources)
    await dialog.showMessageBox({
      type: 'info',
      message: 'Diagnostics exported',
      detail: `${written.path}\n\nVersions, settings, the last runs, the stack's status and recent log lines. Passwords, keys and tokens were removed.`,
    })
  } catch (err) {
    dialog.showErrorBox('Diagnostics could not be exported', errorMessage(err))
  }
}
