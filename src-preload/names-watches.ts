/**
 * Call names and plain values of one area of the contract (no zod: the preload and the renderer import
 * these). Saved watches (issue 17): folders whose settled changes start a pipeline run, run by the process
 * that owns the data folder's automation (the app or `medallion serve`), like the schedules.
 */
export const WATCHES_CALLS = ['watches.list', 'watches.add', 'watches.remove'] as const

/** A saved watch's id: made by the core (`w-` and 8 base-36 characters), never by a caller. */
export const WATCH_ID_PATTERN = /^w-[a-z0-9]{8}$/

/** How long a watched folder's files must stay unchanged before a run starts (seconds). */
export const WATCH_SETTLE_SECONDS = { default: 3, min: 0.5, max: 3600 } as const

/** At most this many saved watches per data folder (each holds a file watcher open in the owner). */
export const MAX_WATCHES = 20
