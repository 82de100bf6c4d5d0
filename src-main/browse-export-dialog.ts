/**
 * `data.browseExport` in the desktop window: the save dialog asks where, then the core streams the whole
 * sorted, filtered result there as CSV (never through files.save's bytes in memory). The dialog is
 * injected, so this file needs no Electron and main's handler is tested with a stand-in dialog.
 */
import { extname } from 'node:path'
import { sanitizeFileName } from '../src-preload/contract-files.ts'
import { type BrowseService, exportName } from './core/browse/browse-service.ts'
import { giveUserDocumentMode } from './core/private-files.ts'
import type { Handlers } from './core/rpc.ts'

/** Electron's showSaveDialog, reduced to what the export uses. */
export type SaveDialog = (options: {
  defaultName: string
  filters: { name: string; extensions: string[] }[]
}) => Promise<{ canceled: boolean; filePath?: string }>

export function withBrowseExportDialog(
  handlers: Handlers,
  browse: Pick<BrowseService, 'exportCsv'>,
  showSaveDialog: SaveDialog,
): Handlers {
  return {
    ...handlers,
    'data.browseExport': async ({ fileName, ...query }) => {
      const proposed = sanitizeFileName(fileName ?? `${exportName(query.source)}.csv`) || 'export.csv'
      const choice = await showSaveDialog({
        defaultName: proposed.toLowerCase().endsWith('.csv') ? proposed : `${proposed}.csv`,
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      })
      if (choice.canceled || !choice.filePath) return { saved: false }
      // The dialog lets the user drop the extension; the file must still open as CSV.
      const path = extname(choice.filePath) ? choice.filePath : `${choice.filePath}.csv`
      const rows = await browse.exportCsv(query, path)
      // The user's document, where they chose: their usual mode, not the data folder's private one.
      await giveUserDocumentMode(path)
      return { saved: true, path, rows }
    },
  }
}
