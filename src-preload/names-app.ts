/**
 * Call names of one area of the contract (no zod: the preload bundles these). The application itself
 * (issue 11): what it is and where its data lives, the sample data of the first launch, and the desktop's
 * own actions (importing a folder, choosing the data folder), which only the window can perform.
 */
export const APP_CALLS = [
  'app.info',
  'app.sample',
  'app.importFolder',
  'app.openDataFolder',
  'app.changeDataFolder',
] as const

/** How the data folder was chosen, strongest first. */
export const DATA_DIR_SOURCES = ['flag', 'environment', 'chosen', 'default'] as const
export type DataDirSource = (typeof DATA_DIR_SOURCES)[number]

/** Moving copies the data folder's contents to the new place; using points the app at another folder. */
export const DATA_FOLDER_CHANGES = ['move', 'use'] as const
export type DataFolderChange = (typeof DATA_FOLDER_CHANGES)[number]

/** The task kind of the first launch's sample data (generate, then run the pipeline). */
export const SAMPLE_TASK_KIND = 'sample'
