/**
 * The calls only the desktop window answers (a dialog, the file manager, a restart on another folder), and
 * what to do instead elsewhere: the core refuses them as `unavailable`, the HTTP policy as `window_only`.
 */
import type { CallName } from '../../../src-preload/contract.ts'

export const WINDOW_ONLY_CALLS = [
  'files.save',
  'app.importFolder',
  'app.openDataFolder',
  'app.changeDataFolder',
  'data.browseExport',
  'app.importChoose',
  'app.importDropped',
] as const satisfies readonly CallName[]
export type WindowOnlyCall = (typeof WINDOW_ONLY_CALLS)[number]

export function isWindowOnly(name: CallName): name is WindowOnlyCall {
  return (WINDOW_ONLY_CALLS as readonly CallName[]).includes(name)
}

/** What the call does, and what to do instead where there is no window. */
export function windowOnlyMessage(name: WindowOnlyCall, dataDir: string): string {
  switch (name) {
    case 'files.save':
      return 'saving through a dialog needs the desktop window: in a browser the export is downloaded instead'
    case 'app.importFolder':
      return 'choosing a folder to import needs the desktop app: from a terminal, `medallion run --input <folder>` runs the pipeline on any folder'
    case 'app.importChoose':
    case 'app.importDropped':
      return 'choosing files on this computer needs the desktop app: in a browser, upload them (Import files… on the Pipeline page)'
    case 'app.openDataFolder':
      return `opening the data folder needs the desktop app: it is ${dataDir}`
    case 'data.browseExport':
      return 'exporting through a save dialog needs the desktop window: in a browser the CSV is downloaded from GET /export/<layer>/<table>.csv instead'
    case 'app.changeDataFolder':
      return 'changing the data folder needs the desktop app: start `medallion serve` with --data-dir <folder> (or MEDALLION_DATA_DIR) instead'
  }
}
