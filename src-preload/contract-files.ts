/**
 * Saving exported files (charts, tables) through a save dialog in the window (issue 5).
 * Each call: its zod input schema (main validates before acting) and its output type; names in names-files.ts.
 */
import { z } from 'zod'
import { call } from './call.ts'

/** The kinds of file an export produces, and the one extension each must carry. */
export const EXPORT_EXTENSIONS = {
  'image/png': 'png',
  'image/svg+xml': 'svg',
  'text/csv': 'csv',
  'application/json': 'json',
} as const
export type ExportMime = keyof typeof EXPORT_EXTENSIONS

/** The largest file an export may save: a 2× chart PNG is a few hundred kB, a big table a few MB. */
export const MAX_EXPORT_BYTES = 20 * 1024 * 1024
const MAX_BASE64_CHARS = Math.ceil(MAX_EXPORT_BYTES / 3) * 4
const MAX_FILE_NAME = 120

/** Names Windows keeps for devices, whatever the extension. */
const RESERVED_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i

/**
 * A file name safe on every platform: no folder part, no characters a file system refuses, no leading
 * dot (hidden file), bounded. The renderer is untrusted, so main never uses the name as given.
 */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[/\\]/).at(-1) ?? ''
  let clean = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[<>:"|?*\u0000-\u001f\u007f]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
  if (RESERVED_NAMES.test(clean)) clean = `_${clean}`
  if (clean.length > MAX_FILE_NAME) {
    const dot = clean.lastIndexOf('.')
    const ext = dot > 0 ? clean.slice(dot) : ''
    clean = clean.slice(0, MAX_FILE_NAME - ext.length) + ext
  }
  return clean
}

export const FilesSaveInput = z
  .object({
    fileName: z.string().min(1).max(400).transform(sanitizeFileName),
    mime: z.enum(Object.keys(EXPORT_EXTENSIONS) as [ExportMime, ...ExportMime[]]),
    dataBase64: z
      .string()
      .max(MAX_BASE64_CHARS, `an export is at most ${MAX_EXPORT_BYTES / 1024 / 1024} MB: export fewer rows`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 data'),
  })
  .strict()
  .refine((input) => input.fileName.toLowerCase().endsWith(`.${EXPORT_EXTENSIONS[input.mime]}`), {
    path: ['fileName'],
    error: 'the file name must end with the extension of its type (.png, .svg, .csv or .json)',
  })

export interface SaveOutcome {
  /** False when the user closed the save dialog without choosing a file. */
  saved: boolean
  /** Where the file went (the window's dialog); absent for a browser download. */
  path?: string
}

export const filesCalls = {
  'files.save': call<typeof FilesSaveInput, SaveOutcome>(FilesSaveInput),
} as const
