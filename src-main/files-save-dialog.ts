/**
 * `files.save` in the desktop window: the core cannot show a dialog, so main answers this one call with
 * the system save dialog and writes the bytes where the user chose. Only the IPC binding gets it: the
 * HTTP API keeps the core's refusal, so a browser can never make the desktop write a file.
 */
import { extname, join } from 'node:path'
import { app, type BrowserWindow, dialog } from 'electron'
import { EXPORT_EXTENSIONS, MAX_EXPORT_BYTES } from '../src-preload/contract-files.ts'
import { MedallionError } from './core/errors.ts'
import { writeUserDocument } from './core/private-files.ts'
import type { Handlers } from './core/rpc.ts'

/** The handlers with `files.save` answered by a save dialog attached to the app's window. */
export function withSaveDialog(handlers: Handlers, window: () => BrowserWindow | null): Handlers {
  return {
    ...handlers,
    'files.save': async ({ fileName, mime, dataBase64 }) => {
      const bytes = Buffer.from(dataBase64, 'base64')
      if (bytes.length > MAX_EXPORT_BYTES) {
        throw new MedallionError('too_large', 'the export is larger than 20 MB: export fewer rows')
      }
      const extension = EXPORT_EXTENSIONS[mime]
      const options = {
        defaultPath: join(app.getPath('downloads'), fileName),
        filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
      }
      const parent = window()
      const choice = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options)
      if (choice.canceled || !choice.filePath) return { saved: false }
      // The dialog lets the user drop the extension; the file must still open as what it is.
      const path = extname(choice.filePath) ? choice.filePath : `${choice.filePath}.${extension}`
      // The user's document, where they chose: their usual mode, not the data folder's private one.
      await writeUserDocument(path, bytes)
      return { saved: true, path }
    },
  }
}
