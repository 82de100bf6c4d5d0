/**
 * The application area of the contract (issue 11): each call's zod input schema and output type; names in
 * names-app.ts. `app.info` and `app.sample` work everywhere; the others need the desktop window (a dialog,
 * the file manager, a restart), and elsewhere answer `unavailable` with what to do instead.
 */
import { z } from 'zod'
import { call, EmptyInput } from './call.ts'
import { DATA_FOLDER_CHANGES, type DataDirSource } from './names-app.ts'

export interface AppInfo {
  /** Medallion's version, and the runtimes it runs on (Electron and Chromium only in the window). */
  versions: { medallion: string; node: string; polars: string; electron?: string; chrome?: string }
  /** True in the desktop window: importing a folder and changing the data folder are offered. */
  desktop: boolean
  dataDir: string
  dataDirSource: DataDirSource
  /** No pipeline run has succeeded in this data folder yet: the first-launch screen is shown. */
  firstLaunch: boolean
}

export const AppChangeDataFolderInput = z.object({ change: z.enum(DATA_FOLDER_CHANGES) }).strict()

export interface TaskStarted {
  taskId: string
}

/** A dialog the user closed without choosing leaves everything as it was. */
export type Chosen<T> = ({ chosen: true } & T) | { chosen: false }

export const appCalls = {
  'app.info': call<typeof EmptyInput, AppInfo>(EmptyInput),
  'app.sample': call<typeof EmptyInput, TaskStarted>(EmptyInput),
  'app.importFolder': call<typeof EmptyInput, Chosen<TaskStarted & { folder: string }>>(EmptyInput),
  'app.openDataFolder': call<typeof EmptyInput, { opened: boolean }>(EmptyInput),
  'app.changeDataFolder': call<
    typeof AppChangeDataFolderInput,
    Chosen<{ dataDir: string; restarting: boolean }>
  >(AppChangeDataFolderInput),
} as const
