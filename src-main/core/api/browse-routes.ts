/**
 * The data browser over HTTP, as owner routes of web mode (they show names and e-mails, so the launch
 * token is needed whatever address asks): `GET /lake/<layer>/<table>?run=&limit=&offset=&sort=&filter=`
 * answers a page as JSON through the contract's `data.browse`; `GET /export/<layer>/<table>.csv` (or
 * `/export/collections/<name>.csv`) streams the whole sorted, filtered result as a CSV attachment — the
 * browser's side of the one export mechanism (the window saves through `data.browseExport`); the UI adds
 * `column=COL:Label` (repeated: which columns, headed how) and `name=` (the file's name, with its context).
 * Their absence keeps the API's answer: every column under its field name, named after the table.
 */
import { createReadStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { pipeline } from 'node:stream/promises'
import { BrowseExportQueryInput, type BrowseSource } from '../../../src-preload/contract-browse.ts'
import type { BrowseService } from '../browse/browse-service.ts'
import { exportName } from '../browse/browse-service.ts'
import { errorCode, errorMessage } from '../errors.ts'
import { dispatch, type Handlers } from '../rpc.ts'
import { BASE_HEADERS, sendJson } from './http-io.ts'
import { statusOf } from './rpc-http.ts'
import type { WebRoute } from './web.ts'

const LAKE_PATH = /^\/lake\/([^/]+)\/([^/]+)$/
const EXPORT_PATH = /^\/export\/([^/]+)\/([^/]+)\.csv$/

function fail(res: ServerResponse, code: string, message: string): void {
  sendJson(res, statusOf(code), { error: { code, message } })
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

/** `collections/<name>` is a MongoDB collection; anything else is `<layer>/<table>` (the schema checks it). */
function sourceOf(first: string, second: string, run: string | null): unknown {
  if (first === 'collections') return { collection: decoded(second) }
  return { ...(run ? { run } : {}), layer: decoded(first), table: decoded(second) }
}

/**
 * The query string as the contract's input: `sort=COL` or `COL:desc`; `filter=COL:OP:VALUE`, repeated
 * (the value may hold colons). Unknown parameters are refused, as the read API refuses them.
 */
function queryOf(
  search: URLSearchParams,
  allowed: readonly string[],
): { input: Record<string, unknown> } | { problem: string } {
  for (const key of search.keys()) {
    if (!allowed.includes(key))
      return {
        problem: `unknown parameter ${JSON.stringify(key.slice(0, 40))} (allowed: ${allowed.join(', ')})`,
      }
  }
  const input: Record<string, unknown> = {}
  const sort = search.get('sort')
  if (sort) {
    const desc = /:desc$/i.test(sort)
    input.sort = { column: sort.replace(/:(asc|desc)$/i, ''), desc }
  }
  const filters = search.getAll('filter').map((text) => {
    const [column = '', op = '', ...rest] = text.split(':')
    return { column, op, value: rest.join(':') }
  })
  if (filters.length > 0) input.filters = filters
  for (const key of ['limit', 'offset'] as const) {
    const raw = search.get(key)
    if (raw === null) continue
    if (!/^\d{1,12}$/.test(raw))
      return { problem: `${key} expects a whole number, got ${JSON.stringify(raw.slice(0, 20))}` }
    input[key] = Number(raw)
  }
  return { input }
}

function searchOf(req: IncomingMessage): URLSearchParams {
  const url = req.url ?? '/'
  const q = url.indexOf('?')
  return new URLSearchParams(q === -1 ? '' : url.slice(q + 1))
}

/** GET /lake/<layer>/<table>: one page, as `data.browse` answers it. */
async function lakePage(
  handlers: Pick<Handlers, 'data.browse'>,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
) {
  const [, first = '', second = ''] = LAKE_PATH.exec(path) ?? []
  const search = searchOf(req)
  const parsed = queryOf(search, ['run', 'limit', 'offset', 'sort', 'filter'])
  if ('problem' in parsed) return fail(res, 'invalid_input', `GET /lake: ${parsed.problem}`)
  const input = { source: sourceOf(first, second, search.get('run')), ...parsed.input }
  const envelope = await dispatch(handlers as Handlers, 'data.browse', input)
  if ('error' in envelope) return sendJson(res, statusOf(envelope.error.code), envelope)
  sendJson(res, 200, envelope.result)
}

/** GET /export/<layer>/<table>.csv: the whole result, staged by the core then streamed and removed. */
async function exportCsv(
  browse: Pick<BrowseService, 'stageCsv'>,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
) {
  const [, first = '', second = ''] = EXPORT_PATH.exec(path) ?? []
  const search = searchOf(req)
  const parsed = queryOf(search, ['run', 'sort', 'filter', 'column', 'name'])
  if ('problem' in parsed) return fail(res, 'invalid_input', `GET /export: ${parsed.problem}`)
  const columns = search.getAll('column').map((text) => {
    const [column = '', ...label] = text.split(':')
    return label.length > 0 ? { column, label: label.join(':') } : { column }
  })
  const query = BrowseExportQueryInput.safeParse({
    source: sourceOf(first, second, search.get('run')),
    ...parsed.input,
    ...(columns.length > 0 ? { columns } : {}),
  })
  if (!query.success) {
    const issues = query.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ')
    return fail(res, 'invalid_input', `GET /export: ${issues}`)
  }
  let staged: { path: string; rows: number }
  try {
    staged = await browse.stageCsv(query.data)
  } catch (err) {
    return fail(res, errorCode(err), errorMessage(err))
  }
  const source: BrowseSource = query.data.source
  const name =
    attachmentName(search.get('name')) ??
    `${exportName(source)}${'run' in source && source.run ? `-${source.run}` : ''}.csv`
  try {
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
      'X-Medallion-Rows': String(staged.rows),
    })
    await pipeline(createReadStream(staged.path), res)
  } catch {
    // The client went away mid-download: nothing to answer, the staging file still goes.
    res.destroy()
  } finally {
    await rm(staged.path, { force: true })
  }
}

/** A file name the page asked for, reduced to what is safe in a header and a file system; .csv at the end. */
function attachmentName(asked: string | null): string | undefined {
  const safe = (asked ?? '')
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 160)
  if (!safe) return undefined
  return safe.toLowerCase().endsWith('.csv') ? safe : `${safe}.csv`
}

function getOnly(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET') return true
  req.resume()
  sendJson(res, 405, { error: { code: 'method_not_allowed', message: 'GET only' } }, { Allow: 'GET' })
  return false
}

/** The browser's owner routes for `startApi({ webRoutes })`. */
export function browseRoutes(
  handlers: Pick<Handlers, 'data.browse'>,
  browse: Pick<BrowseService, 'stageCsv'>,
): WebRoute[] {
  return [
    {
      matches: (path) => path.startsWith('/lake/'),
      access: 'owner',
      handle: async (req, res, path) => {
        if (!getOnly(req, res)) return
        if (!LAKE_PATH.test(path))
          return fail(res, 'not_found', 'GET /lake/<layer>/<table> (e.g. /lake/silver/rejects)')
        await lakePage(handlers, req, res, path)
      },
    },
    {
      matches: (path) => path.startsWith('/export/'),
      access: 'owner',
      handle: async (req, res, path) => {
        if (!getOnly(req, res)) return
        if (!EXPORT_PATH.test(path)) {
          return fail(res, 'not_found', 'GET /export/<layer>/<table>.csv or /export/collections/<name>.csv')
        }
        await exportCsv(browse, req, res, path)
      },
    },
  ]
}
