/**
 * The data browser (the role mongo-express played): any table of any kept run — bronze, silver with its
 * rejects, gold — or, when serving from MongoDB, any collection; a page at a time, sorted by a header,
 * filtered per column, with the schema and stats on demand, and exports of the page or the whole result.
 * The source lives in the hash (`#/data?run=…&layer=silver&table=rejects`), so a link opens a table.
 */
import { useEffect, useState } from 'react'
import type { BrowseFilter, BrowseSort, BrowseSource } from '../../src-preload/contract-browse.ts'
import { useBrowsePage, useBrowseTables } from '../api/browse-hooks.ts'
import { BrowseGrid } from '../components/browse/BrowseGrid.tsx'
import { BrowseStatsPanel } from '../components/browse/BrowseStatsPanel.tsx'
import { hashOfSource, sourceFromHash } from '../components/browse/browse-hash.ts'
import { SourcePicker } from '../components/browse/SourcePicker.tsx'
import { ErrorNote } from '../components/ErrorNote.tsx'
import { ExportScope } from '../components/export/export-context.tsx'
import { TableExport } from '../components/export/TableExport.tsx'
import { WholeTableExport } from '../components/export/WholeTableExport.tsx'
import './data.css'
import { fmt } from '../format/index.ts'

const PAGE_SIZES = [50, 100, 500] as const

function useHashSource(): [BrowseSource | undefined, (source: BrowseSource) => void] {
  const [source, setSource] = useState(() => sourceFromHash(window.location.hash))
  useEffect(() => {
    const onChange = () => setSource(sourceFromHash(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return [source, (next) => window.location.assign(hashOfSource(next))]
}

function sourceName(source: BrowseSource): string {
  return 'collection' in source ? source.collection : `${source.layer}-${source.table}`
}

function BrowsedTable({ source }: { source: BrowseSource }) {
  const [offset, setOffset] = useState(0)
  const [limit, setLimit] = useState<number>(PAGE_SIZES[1])
  const [sort, setSort] = useState<BrowseSort | undefined>()
  const [filters, setFilters] = useState<BrowseFilter[]>([])
  const [showStats, setShowStats] = useState(false)
  const page = useBrowsePage({ source, offset, limit, filters, ...(sort ? { sort } : {}) })

  const onFilter = (column: string, filter: BrowseFilter | undefined) => {
    const others = filters.filter((f) => f.column !== column)
    const next = filter ? [...others, filter] : others
    if (JSON.stringify(next) === JSON.stringify(filters)) return
    setFilters(next)
    setOffset(0)
  }
  if (page.isPending) return <p className="hint">Loading the table…</p>
  const data = page.data
  const total = data?.total ?? 0
  const last = data ? data.offset + data.rows.length : 0
  return (
    <>
      <ErrorNote error={page.error} />
      {data ? (
        <>
          <div className="browse-toolbar">
            <span className="browse-count" data-testid="browse-count" aria-live="polite">
              {total === 0
                ? 'No rows'
                : `Rows ${fmt.count(data.offset + 1)}–${fmt.count(last)} of ${fmt.count(total)}`}
              {page.isFetching ? ' · loading…' : ''}
            </span>
            <button
              type="button"
              className="button"
              onClick={() => setOffset(Math.max(0, offset - limit))}
              disabled={offset === 0}
            >
              Previous page
            </button>
            <button
              type="button"
              className="button"
              onClick={() => setOffset(offset + limit)}
              disabled={last >= total}
            >
              Next page
            </button>
            <label className="field field-inline">
              <span>Rows per page</span>
              <select
                value={limit}
                onChange={(e) => {
                  setLimit(Number(e.target.value))
                  setOffset(0)
                }}
              >
                {PAGE_SIZES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button"
              aria-expanded={showStats}
              onClick={() => setShowStats(!showStats)}
            >
              {showStats ? 'Hide stats' : 'Schema and stats'}
            </button>
            {/* Both exports' file names say the filters and the run browsed. */}
            <ExportScope filters={filters.map((f) => `${f.column} ${f.op} ${f.value}`)} run={data.runId}>
              <TableExport
                name={`${sourceName(source)}-page`}
                rows={data.rows}
                columns={data.columns.map((c) => ({ key: c.name }))}
              />
              <WholeTableExport
                source={source}
                query={{ filters, ...(sort ? { sort } : {}) }}
                rows={total}
                name={sourceName(source)}
              />
            </ExportScope>
          </div>
          {showStats ? <BrowseStatsPanel source={source} filters={filters} /> : null}
          <BrowseGrid
            page={data}
            sort={sort}
            onSort={(next) => {
              setSort(next)
              setOffset(0)
            }}
            onFilter={onFilter}
          />
          {total === 0 ? (
            <p className="hint">No row matches{filters.length > 0 ? ' these filters' : ''}.</p>
          ) : null}
        </>
      ) : null}
    </>
  )
}

export function DataPage() {
  const [source, setSource] = useHashSource()
  const lakeRun = source && !('collection' in source) ? source.run : undefined
  const tables = useBrowseTables(lakeRun)
  const chosen = source && ('collection' in source || source.table) ? source : undefined
  return (
    <div className="page" data-testid="page-data">
      <div className="page-head">
        <h1>Data</h1>
        <p className="hint">Any table of any kept run, or a served collection: paged, sorted, filtered.</p>
      </div>
      <section className="panel">
        {tables.isPending ? <p className="hint">Loading the runs…</p> : null}
        <ErrorNote error={tables.error} />
        {tables.data && tables.data.runs.length === 0 && !tables.data.collections ? (
          <p className="hint">Nothing to browse yet: run the pipeline from the Pipeline page first.</p>
        ) : null}
        {tables.data && (tables.data.runs.length > 0 || tables.data.collections) ? (
          <SourcePicker tables={tables.data} source={source} onChange={setSource} />
        ) : null}
      </section>
      {chosen ? (
        <section className="panel">
          {/* A new source starts afresh: first page, no sort, no filter. */}
          <BrowsedTable key={JSON.stringify(chosen)} source={chosen} />
        </section>
      ) : tables.data && tables.data.runs.length > 0 ? (
        <p className="hint">Choose a table to browse.</p>
      ) : null}
    </div>
  )
}
