/**
 * Saved watches (issue 17): a folder whose source files, once changed and settled, start a pipeline run
 * (trigger `watch`) in the process that runs the schedules. Each call: its zod input schema and its output
 * type; names in names-watches.ts.
 */
import { z } from 'zod'
import { call, EmptyInput } from './call.ts'
import { AbsoluteFolder, type ScheduleOwner } from './contract-schedules.ts'
import { WATCH_ID_PATTERN, WATCH_SETTLE_SECONDS } from './names-watches.ts'

export const WatchAddInput = z
  .object({
    /** The folder holding clients/achats (allow-listed over HTTP). */
    dir: AbsoluteFolder,
    settleSeconds: z
      .number()
      .min(WATCH_SETTLE_SECONDS.min)
      .max(WATCH_SETTLE_SECONDS.max)
      .default(WATCH_SETTLE_SECONDS.default),
    engine: z.enum(['polars', 'spark']).default('polars'),
    publish: z.boolean().default(false),
  })
  .strict()
export type WatchAddArgs = z.output<typeof WatchAddInput>

const WatchIdInput = z
  .object({ id: z.string().regex(WATCH_ID_PATTERN, 'a watch id, as `medallion watch list` shows it') })
  .strict()

/** A saved watch as stored in the data folder. */
export interface SavedWatch {
  id: string
  dir: string
  settleSeconds: number
  engine: 'polars' | 'spark'
  publish: boolean
  createdAt: string
}

export interface WatchList {
  watches: SavedWatch[]
  /** The process that runs them: the schedules' owner. */
  owner: ScheduleOwner
}

export const watchesCalls = {
  'watches.list': call<typeof EmptyInput, WatchList>(EmptyInput),
  'watches.add': call<typeof WatchAddInput, SavedWatch>(WatchAddInput),
  'watches.remove': call<typeof WatchIdInput, { removed: boolean }>(WatchIdInput),
} as const
