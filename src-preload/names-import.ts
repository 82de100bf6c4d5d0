/**
 * Call names of one area of the contract (no zod: the preload and the renderer import these). Importing
 * files (issue 14): the preview before a run, and the window's own ways to choose them (a dialog, a drop).
 */
export const IMPORT_CALLS = ['sources.preview', 'app.importChoose', 'app.importDropped'] as const

/** An import's folder under `<data>/imports/`: made by the server (UTC time, then random), never by a caller. */
export const IMPORT_ID_PATTERN = /^\d{8}T\d{6}-[a-z0-9]{8}$/

/** The only names an imported file may have: the two sources, as CSV or Parquet. */
export const IMPORT_FILE_NAMES = ['clients.csv', 'achats.csv', 'clients.parquet', 'achats.parquet'] as const
export type ImportFileName = (typeof IMPORT_FILE_NAMES)[number]

export function isImportFileName(name: string): name is ImportFileName {
  return (IMPORT_FILE_NAMES as readonly string[]).includes(name)
}

/** What a window's dialog picks: a folder holding both files, or the two files themselves. */
export const IMPORT_PICKS = ['folder', 'files'] as const

/** Rows of each file the preview shows. */
export const PREVIEW_ROWS = 20

/** The import flow's page: the Pipeline page's, the first-launch screen's and the File menu's "Import files…". */
export const IMPORT_PAGE_HASH = '#/import'

/** Where a run's detail lives in the UI (the run detail's route): `#/pipeline/runs/<id>`. */
export function runDetailHash(runId: string): string {
  return `#/pipeline/runs/${encodeURIComponent(runId)}`
}
