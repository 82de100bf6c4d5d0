/**
 * Saving exported files (charts, tables) through a save dialog in the window (issue 5).
 * Each call: its zod input schema (main validates before acting) and its output type; names in names-files.ts.
 */
export const filesCalls = {} as const
