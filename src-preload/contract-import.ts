/**
 * Importing files (issue 14): the preview of a folder before anything runs, computed with bronze's and
 * silver's own code, and the window's ways to choose the files (names in names-import.ts). In a browser the
 * files are uploaded (`POST /upload`, not a contract call) into `<data>/imports/<importId>/`.
 */
import { z } from 'zod'
import { call } from './call.ts'
import type { FileCounts, FileDialect, Row, SourceTable } from './contract.ts'
import { FileDialectInput } from './dialect-input.ts'
import { IMPORT_ID_PATTERN, IMPORT_PICKS } from './names-import.ts'

export const SourcesPreviewInput = z
  .object({
    /** A folder the window chose (or, over HTTP, one the input-roots policy allows). */
    inputDir: z.string().min(1).max(4096).optional(),
    /** An upload's folder, `<data>/imports/<importId>`. */
    importId: z.string().regex(IMPORT_ID_PATTERN, 'an import id given by POST /upload').optional(),
    dialect: z
      .object({ clients: FileDialectInput.optional(), achats: FileDialectInput.optional() })
      .strict()
      .optional(),
  })
  .strict()
  .refine((input) => (input.inputDir === undefined) !== (input.importId === undefined), {
    error: 'give either inputDir or importId',
  })

export interface PreviewColumn {
  name: string
  /** The type silver gives it (e.g. Int64, Float64, Datetime, String); `text` for a column silver drops. */
  type: string
}

export interface PreviewRejectReason {
  reason: string
  /** What the reason means, in the words the run detail uses. */
  label?: string
  count: number
  /** The first few rejected rows with this reason: the file's line, the field and its value. */
  examples: { line: number; field: string | null; value: string | null }[]
}

export interface FilePreview {
  /** The file's name in the folder (clients.csv…). */
  file: string
  dialect: FileDialect
  counts: FileCounts
  columns: PreviewColumn[]
  /** The first rows as read in that dialect (text), each with its line in the file (`_line`). */
  rows: Row[]
  rejects: PreviewRejectReason[]
}

export interface ImportPreview {
  /** The folder a run on these files reads: pass it to pipeline.run. */
  inputDir: string
  files: Record<SourceTable, FilePreview>
  /** Why a run on these files would stop before gold (the gate's message), if it would. */
  wouldFail?: string
}

export const AppImportChooseInput = z.object({ pick: z.enum(IMPORT_PICKS) }).strict()

/** Paths of files dropped on the window, from the preload's `webUtils.getPathForFile`: main checks them. */
export const AppImportDroppedInput = z
  .object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(2) })
  .strict()

/**
 * The folder a run on the chosen files reads; `linked` when it is a folder of links under the data
 * folder's imports/ (the files came from two folders), not the user's own folder, which can be watched.
 */
export interface ChosenImport {
  inputDir: string
  linked: boolean
}

export const importCalls = {
  'sources.preview': call<typeof SourcesPreviewInput, ImportPreview>(SourcesPreviewInput),
  'app.importChoose': call<
    typeof AppImportChooseInput,
    ({ chosen: true } & ChosenImport) | { chosen: false }
  >(AppImportChooseInput),
  'app.importDropped': call<typeof AppImportDroppedInput, ChosenImport>(AppImportDroppedInput),
} as const
