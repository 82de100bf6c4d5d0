/**
 * The data browser (issue 14): any table of any kept run — bronze, silver (rejects included), gold — or,
 * when serving from MongoDB, any collection; a page at a time, sorted and filtered by column, with the
 * schema and per-column stats, and the whole result exported as CSV (streamed by the core to a file).
 * Each call: its zod input schema (main validates before acting) and its output type; names in names-browse.ts.
 */
import { z } from 'zod'
import { call } from './call.ts'
import type { Layer, Row } from './contract.ts'
import type { SaveOutcome } from './contract-files.ts'
import { BROWSE_OPS, type BrowseOp, LAYERS, MAX_BROWSE_FILTERS, MAX_PAGE } from './values.ts'

export { BROWSE_OPS, type BrowseOp, MAX_BROWSE_FILTERS }

const RunId = z.string().regex(/^\d{8}T\d{9}Z-[a-z0-9]{1,8}$/, 'a run id such as 20261202T170012345Z-ab12')
/** A table is a Parquet file's name in a layer folder (no folder part, no extension). */
const TableName = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/, 'a table name such as rejects')
const CollectionName = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}$/, 'a collection name')
/** Checked against the source's schema by the core (which names the column when it is unknown). */
const ColumnName = z.string().min(1).max(128)

/** A table of a run's layer (run: the current run when absent), or a MongoDB collection. */
export const BrowseSourceInput = z.union([
  z.object({ run: RunId.optional(), layer: z.enum(LAYERS), table: TableName }).strict(),
  z.object({ collection: CollectionName }).strict(),
])
export type BrowseSource = z.output<typeof BrowseSourceInput>

export const BrowseSortInput = z.object({ column: ColumnName, desc: z.boolean().default(false) }).strict()
export type BrowseSort = z.output<typeof BrowseSortInput>

/** One column filter; `value` is read in the column's type (a number for numbers, a date for dates). */
export const BrowseFilterInput = z
  .object({ column: ColumnName, op: z.enum(BROWSE_OPS), value: z.string().max(256).default('') })
  .strict()
export type BrowseFilter = z.output<typeof BrowseFilterInput>

/** What selects the rows: the source, its filters (all must hold) and the order. */
export const BrowseQueryInput = z
  .object({
    source: BrowseSourceInput,
    sort: BrowseSortInput.optional(),
    filters: z.array(BrowseFilterInput).max(MAX_BROWSE_FILTERS).default([]),
  })
  .strict()
export type BrowseQuery = z.output<typeof BrowseQueryInput>

const BrowseInput = BrowseQueryInput.extend({
  offset: z.number().int().min(0).max(10_000_000_000).default(0),
  limit: z.number().int().min(1).max(MAX_PAGE).default(100),
}).strict()
export type BrowsePageQuery = z.output<typeof BrowseInput>

const BrowseStatsInput = BrowseQueryInput.omit({ sort: true }).strict()

const BrowseTablesInput = z.object({ run: RunId.optional() }).strict().default({})

/**
 * An export's columns, in order, each headed by its label (the UI's tables export as shown: "Probability of
 * purchase (12 m)", not prob_reachat_12m); absent: every column under its own name (the CLI, the API).
 */
export const BrowseExportColumnsInput = z
  .array(z.object({ column: ColumnName, label: z.string().min(1).max(128).optional() }).strict())
  .min(1)
  .max(200)
  .refine((columns) => new Set(columns.map((c) => c.label ?? c.column)).size === columns.length, {
    message: 'each exported column needs its own header',
  })
export type BrowseExportColumns = z.output<typeof BrowseExportColumnsInput>

/** What a whole-result export writes: the query's rows, and optionally which columns under which headers. */
export const BrowseExportQueryInput = BrowseQueryInput.extend({
  columns: BrowseExportColumnsInput.optional(),
}).strict()
export type BrowseExportQuery = z.output<typeof BrowseExportQueryInput>

const BrowseExportInput = BrowseExportQueryInput.extend({
  /** The name the save dialog proposes (the window); sanitized by main. */
  fileName: z.string().min(1).max(200).optional(),
}).strict()

/** A column as the browser shows it: its name and a simple type (the store's own type in `detail`). */
export interface BrowseColumn {
  name: string
  type: 'integer' | 'number' | 'text' | 'datetime' | 'date' | 'boolean' | 'other'
  /** The store's own type, e.g. Datetime(us) or Float64. */
  detail: string
}

export interface BrowsePage {
  /** The run whose table this is (absent for a collection). */
  runId?: string
  columns: BrowseColumn[]
  rows: Row[]
  /** Rows matching the filters. */
  total: number
  offset: number
  limit: number
}

export interface BrowseColumnStats {
  name: string
  type: BrowseColumn['type']
  nulls: number
  min: Row[string]
  max: Row[string]
  /** Distinct values, null counted as one (as Polars' n_unique). */
  distinct: number
}

export interface BrowseStats {
  runId?: string
  /** Rows matching the filters. */
  rows: number
  columns: BrowseColumnStats[]
}

/** What may be browsed: the kept runs, the tables of each layer of the chosen run, MongoDB's collections. */
export interface BrowseTables {
  /** The run these tables belong to (the current run unless one was asked for); absent with no run. */
  runId?: string
  /** The kept runs whose layers can be browsed, newest first. */
  runs: { runId: string; status: string; finishedAt: string }[]
  /** Table names per layer of that run; silver's include `rejects`. */
  layers: Record<Layer, string[]>
  /** The serving MongoDB's collections, when gold is served from MongoDB. */
  collections?: string[]
}

export interface BrowseExportOutcome extends SaveOutcome {
  /** Rows written (absent when nothing was saved). */
  rows?: number
}

export const browseCalls = {
  'data.browseTables': call<typeof BrowseTablesInput, BrowseTables>(BrowseTablesInput),
  'data.browse': call<typeof BrowseInput, BrowsePage>(BrowseInput),
  'data.browseStats': call<typeof BrowseStatsInput, BrowseStats>(BrowseStatsInput),
  /** The window only: the save dialog, then the whole result streamed to the file as CSV. */
  'data.browseExport': call<typeof BrowseExportInput, BrowseExportOutcome>(BrowseExportInput),
} as const
