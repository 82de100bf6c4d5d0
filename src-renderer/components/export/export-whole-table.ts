/**
 * The one "export the whole result as CSV" of the app: the core streams the table (with its sort and
 * filters) to a file, never through the renderer. In the window, `data.browseExport` asks where with the
 * save dialog and writes there; in a browser, the owner route GET /export/<layer>/<table>.csv is
 * downloaded as the browser downloads any file (streamed to disk, the session's cookie going with it).
 */
import type {
  BrowseExportOutcome,
  BrowseExportQuery,
  BrowseSource,
} from '../../../src-preload/contract-browse.ts'
import { createIpcClient } from '../../api/ipc-client.ts'

/**
 * The rows (sort, filters), which columns under which headers (a UI table exports as shown; absent: every
 * column under its field name) and the file's name (with the export's context; absent: the table's).
 */
export type WholeTableQuery = Partial<Pick<BrowseExportQuery, 'sort' | 'filters' | 'columns'>> & {
  fileName?: string
}

/** The export route's address for a source and query, as the server parses it. */
export function exportUrl(source: BrowseSource, query: WholeTableQuery = {}): string {
  const path =
    'collection' in source
      ? `/export/collections/${encodeURIComponent(source.collection)}.csv`
      : `/export/${source.layer}/${encodeURIComponent(source.table)}.csv`
  const search = new URLSearchParams()
  if ('run' in source && source.run) search.set('run', source.run)
  if (query.sort) search.set('sort', `${query.sort.column}${query.sort.desc ? ':desc' : ''}`)
  for (const f of query.filters ?? []) search.append('filter', `${f.column}:${f.op}:${f.value}`)
  for (const c of query.columns ?? []) search.append('column', c.label ? `${c.column}:${c.label}` : c.column)
  if (query.fileName) search.set('name', query.fileName)
  const text = search.toString()
  return text ? `${path}?${text}` : path
}

export async function exportWholeTable(
  source: BrowseSource,
  query: WholeTableQuery = {},
): Promise<BrowseExportOutcome> {
  if (window.medallion) {
    return createIpcClient(window.medallion).invoke('data.browseExport', {
      source,
      ...(query.sort ? { sort: query.sort } : {}),
      filters: query.filters ?? [],
      ...(query.columns ? { columns: query.columns } : {}),
      ...(query.fileName ? { fileName: query.fileName } : {}),
    })
  }
  const anchor = document.createElement('a')
  anchor.href = exportUrl(source, query)
  // The server names the file (Content-Disposition); `download` keeps the page where it is.
  anchor.download = ''
  anchor.rel = 'noopener'
  document.body.append(anchor)
  anchor.click()
  anchor.remove()
  return { saved: true }
}
