/**
 * Plain values shared by the contract and the renderer: enum lists and limits. No zod here (nor in
 * names*.ts), so the renderer may import these without bundling the schemas.
 */

/** The pipeline's layers, in order. */
export const LAYERS = ['bronze', 'silver', 'gold'] as const

/**
 * Who started a run, kept in its record: a person (the UI, the CLI, the read API), a schedule, a folder
 * watch, the stack's Up, or a model training that commits its predictions. Older records read as manual.
 */
export const RUN_TRIGGERS = ['manual', 'schedule', 'watch', 'stack', 'train'] as const
export type RunTrigger = (typeof RUN_TRIGGERS)[number]

/** Who started a run, as the CLI and the UI show it: "manual", or "schedule s-ab12cd34" with the id. */
export function triggerText(run: { trigger: RunTrigger; triggeredBy?: string }): string {
  return run.triggeredBy ? `${run.trigger} ${run.triggeredBy}` : run.trigger
}

/** A run id: the UTC time to the millisecond and a random suffix (`20261202T170405123Z-ab12`). */
export const RUN_ID_PATTERN = /^\d{8}T\d{9}Z-[a-z0-9]{1,8}$/

/** Example rows a run's rejects show per reason, by default and at most. */
export const REJECT_EXAMPLES = 5
export const MAX_REJECT_EXAMPLES = 50

/** What a stack reset may delete, smallest first (each includes the one before). */
export const RESET_SCOPES = ['containers', 'volumes', 'data'] as const

/** The largest page a list call returns (the original silently truncated /scores at 5000). */
export const MAX_PAGE = 10_000

/** At most this many countries (or products) in one sales filter. */
export const SALES_FILTER_MAX = 50

/** How generated sources are written: `fr-excel` as a French spreadsheet saves "CSV". */
export const WRITTEN_DIALECTS = ['default', 'fr-excel'] as const
export type WrittenDialect = (typeof WRITTEN_DIALECTS)[number]

/** Scales the pipeline benchmark runs at. */
export const BENCH_SCALES = ['seed', '100k', '1m', '10m'] as const
export type BenchScale = (typeof BENCH_SCALES)[number]

/** The task kind of a running benchmark, so the page can find it among the tasks. */
export const BENCH_TASK_KIND = 'bench'

/**
 * Export file names say what, in what context and when: `<name>[-<context>…]-<YYYYMMDD-HHmmss>.<ext>`, local
 * time (charts, tables, diagnostics). `context` holds the active filters and the run (issue 15).
 */
const pad = (n: number) => String(n).padStart(2, '0')

/**
 * The longest slug before the time: with the time and the extension the name stays within the 120
 * characters the window's save (contract-files.ts) keeps, far below any file system's 255 bytes.
 */
export const EXPORT_SLUG_MAX = 96

/** A slug safe in any file system: accents dropped, anything else but letters, digits, _ and - as one dash. */
function slugOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
}

export function exportFileName(
  name: string,
  extension: string,
  at: Date = new Date(),
  context: readonly string[] = [],
): string {
  const day = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`
  let slug = [name, ...context].map(slugOf).filter(Boolean).join('-') || 'export'
  // Bounded at a word: a long list of filters is cut, never a name half-written at the end.
  if (slug.length > EXPORT_SLUG_MAX) {
    const cut = slug.slice(0, EXPORT_SLUG_MAX)
    slug = cut.slice(0, Math.max(cut.lastIndexOf('-'), 1)).replace(/-+$/, '')
  }
  return `${slug}-${day}-${time}.${extension}`
}

/**
 * How a source file is written (its dialect): the field separator, the text encoding, the decimal mark of
 * numbers and the format of dates. Detected per file unless given (the CLI's --delimiter, --encoding,
 * --decimal, --date-format; `dialect` on pipeline.run).
 */
export const DELIMITERS = [',', ';', '\t', '|'] as const
export type Delimiter = (typeof DELIMITERS)[number]
/** UTF-8 (with or without a byte order mark), UTF-16 (with one), Windows-1252 (Excel's Western "CSV"). */
export const ENCODINGS = ['utf-8', 'utf-16', 'windows-1252'] as const
export type SourceEncoding = (typeof ENCODINGS)[number]
export const DECIMAL_MARKS = ['.', ','] as const
export type DecimalMark = (typeof DECIMAL_MARKS)[number]

/** A run fails when more than this share of a file's rows is rejected (the CLI's --max-reject-share). */
export const DEFAULT_MAX_REJECT_SHARE = 0.1

/** A saved input root (a folder a run over HTTP may read) is an absolute path — POSIX, a drive or a UNC share. */
export const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/

/** At most this many saved input roots. */
export const MAX_INPUT_ROOTS = 32

/** What a data browser filter compares (`data.browse`): equal, not equal, contains (as text), order, null or not. */
export const BROWSE_OPS = ['eq', 'ne', 'contains', 'gt', 'gte', 'lt', 'lte', 'isNull', 'notNull'] as const
export type BrowseOp = (typeof BROWSE_OPS)[number]

/** At most this many column filters on one browse. */
export const MAX_BROWSE_FILTERS = 16
