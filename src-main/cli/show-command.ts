/**
 * `medallion show LAYER/TABLE [--run ID] [--limit N] [--offset N] [--sort COL[:desc]] [--json]`: a page of
 * any table of a kept run (bronze, silver with its rejects, gold), as the data browser shows it — an
 * aligned table on a terminal, the page as JSON with --json.
 */
import type { Layer, Row } from '../../src-preload/contract.ts'
import type { BrowsePage } from '../../src-preload/contract-browse.ts'
import { LAYERS, MAX_PAGE } from '../../src-preload/values.ts'
import type { Core } from '../core/app-core.ts'
import { BrowseService } from '../core/browse/browse-service.ts'
import { type CommandIo, numberFlag, UsageError } from './command-io.ts'
import { formatInt } from './format.ts'
import type { Values } from './options.ts'

/** Widest cell shown; longer text is cut with an ellipsis (--json has it whole). */
const CELL_WIDTH = 40

function cell(value: Row[string]): string {
  const text = value === null ? '' : String(value).replace(/[\r\n\t]+/g, ' ')
  return text.length > CELL_WIDTH ? `${text.slice(0, CELL_WIDTH - 1)}…` : text
}

/** Columns padded to their widest cell; numbers right-aligned. */
export function alignedTable(page: BrowsePage): string {
  const names = page.columns.map((c) => c.name)
  const cells = page.rows.map((row) => names.map((name) => cell(row[name] ?? null)))
  const widths = names.map((name, i) => Math.max(name.length, ...cells.map((r) => (r[i] ?? '').length)))
  const numeric = page.columns.map((c) => c.type === 'integer' || c.type === 'number')
  const line = (values: string[]) =>
    values
      .map((v, i) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return [line(names), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')
}

function sortFlag(raw: string | undefined): { column: string; desc: boolean } | undefined {
  if (raw === undefined) return undefined
  const match = /^(.+?)(?::(asc|desc))?$/i.exec(raw)
  if (!match?.[1]) throw new UsageError(`--sort expects COL or COL:desc, got "${raw}"`)
  return { column: match[1], desc: match[2]?.toLowerCase() === 'desc' }
}

export async function showCommand(
  core: Core,
  values: Values,
  io: CommandIo,
  positionals: string[],
): Promise<number> {
  const browse = new BrowseService(core, core.options.dataDir)
  const named = positionals[1]
  const known = await browse.tables({ ...(values.run ? { run: values.run } : {}) })
  const all = LAYERS.flatMap((layer) => known.layers[layer].map((table) => `${layer}/${table}`))
  const listed =
    all.length > 0 ? `the tables of run ${known.runId}: ${all.join(', ')}` : 'no run has tables yet'
  if (!named) throw new UsageError(`show expects LAYER/TABLE, e.g. silver/rejects (${listed})`)
  if (!all.includes(named)) throw new UsageError(`show: no table "${named}" (${listed})`)
  const [layer, table] = named.split('/') as [Layer, string]
  const limit = numberFlag('limit', values.limit) ?? 20
  if (limit < 1 || limit > MAX_PAGE) throw new UsageError(`--limit expects 1 to ${MAX_PAGE}, got ${limit}`)
  const sort = sortFlag(values.sort)
  const page = await browse.page({
    source: { ...(known.runId ? { run: known.runId } : {}), layer, table },
    offset: numberFlag('offset', values.offset) ?? 0,
    limit,
    filters: [],
    ...(sort ? { sort } : {}),
  })
  const first = page.rows.length > 0 ? page.offset + 1 : page.offset
  const footer = `${named} of run ${page.runId}: rows ${formatInt(first)}–${formatInt(page.offset + page.rows.length)} of ${formatInt(page.total)}`
  io.print(page, `${alignedTable(page)}\n${footer}`)
  return 0
}
