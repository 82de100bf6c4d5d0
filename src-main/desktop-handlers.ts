/**
 * The calls only the window can answer, over the core's handlers: saving an export through a dialog,
 * importing a folder the user picks, opening the data folder in the file manager, changing the data
 * folder. The HTTP binding keeps the core's refusals, so a browser can do none of these on the desktop.
 */
import { join } from 'node:path'
import { app, dialog, shell } from 'electron'
import { withBrowseExportDialog } from './browse-export-dialog.ts'
import type { Core } from './core/app-core.ts'
import { BrowseService } from './core/browse/browse-service.ts'
import type { Handlers } from './core/rpc.ts'
import { changeDataFolder, type DataFolderDeps } from './data-folder-dialog.ts'
import { withSaveDialog } from './files-save-dialog.ts'
import { windowImportHandlers } from './import-choice.ts'
import { electronOpenDialog, importFolder } from './import-dialog.ts'

export function desktopHandlers(
  core: Pick<Core, 'handlers' | 'pipeline' | 'options' | 'lake' | 'mongo'>,
  folders: DataFolderDeps,
): Handlers {
  const browse = new BrowseService(core, core.options.dataDir)
  const handlers = withBrowseExportDialog(
    withSaveDialog(core.handlers, folders.window),
    browse,
    async ({ defaultName, filters }) => {
      const options = { defaultPath: join(app.getPath('downloads'), defaultName), filters }
      const parent = folders.window()
      return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options)
    },
  )
  return {
    ...handlers,
    'app.info': async (args) => {
      const info = await handlers['app.info'](args)
      const { electron, chrome } = process.versions
      return { ...info, desktop: true, versions: { ...info.versions, electron, chrome } }
    },
    'app.importFolder': () => importFolder(folders.window(), core.pipeline),
    ...windowImportHandlers({
      showOpenDialog: electronOpenDialog(folders.window),
      dataDir: core.options.dataDir,
    }),
    'app.openDataFolder': async () => ({ opened: (await shell.openPath(core.options.dataDir)) === '' }),
    'app.changeDataFolder': ({ change }) => changeDataFolder(folders, change),
  }
}
