/** Call names of one area of the contract (no zod: the preload bundles these). Saving exported files (charts, tables) through a save dialog in the window (issue 5). */
export const FILES_CALLS = ['files.save'] as const
