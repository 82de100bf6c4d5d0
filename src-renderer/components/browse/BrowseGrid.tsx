/**
 * One page of a browsed table: sortable headers (buttons, so the keyboard reaches them; aria-sort says
 * the order), a filter box under each header (applied on Enter or when the box loses focus), the rows.
 */
import { useState } from 'react'
import type {
  BrowseColumn,
  BrowseFilter,
  BrowsePage,
  BrowseSort,
} from '../../../src-preload/contract-browse.ts'
import { parseColumnFilter } from './column-filter.ts'

/** The next order of a header clicked: ascending, then descending, then the file's own order. */
function nextSort(sort: BrowseSort | undefined, column: string): BrowseSort | undefined {
  if (sort?.column !== column) return { column, desc: false }
  return sort.desc ? undefined : { column, desc: true }
}

function FilterBox({
  column,
  onFilter,
}: {
  column: BrowseColumn
  onFilter: (column: string, filter: BrowseFilter | undefined) => void
}) {
  const [text, setText] = useState('')
  const apply = () => onFilter(column.name, parseColumnFilter(column, text))
  return (
    <input
      className="browse-filter"
      value={text}
      placeholder={column.type === 'text' ? 'contains…' : '=, >, <…'}
      aria-label={`Filter ${column.name}`}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') apply()
      }}
      onBlur={apply}
    />
  )
}

function cellText(value: BrowsePage['rows'][number][string] | undefined): string {
  return value === null || value === undefined ? '' : String(value)
}

export function BrowseGrid({
  page,
  sort,
  onSort,
  onFilter,
}: {
  page: BrowsePage
  sort: BrowseSort | undefined
  onSort: (sort: BrowseSort | undefined) => void
  onFilter: (column: string, filter: BrowseFilter | undefined) => void
}) {
  const numeric = (c: BrowseColumn) => c.type === 'integer' || c.type === 'number'
  return (
    <div className="table-wrap">
      <table className="runs browse-grid" data-testid="browse-grid">
        <thead>
          <tr>
            {page.columns.map((c) => {
              const order = sort?.column === c.name ? (sort.desc ? 'descending' : 'ascending') : 'none'
              return (
                <th
                  key={c.name}
                  aria-sort={order}
                  className={numeric(c) ? 'num' : undefined}
                  title={c.detail}
                >
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => onSort(nextSort(sort, c.name))}
                  >
                    {c.name}
                    <span aria-hidden="true">
                      {order === 'ascending' ? ' ▲' : order === 'descending' ? ' ▼' : ''}
                    </span>
                  </button>
                </th>
              )
            })}
          </tr>
          <tr>
            {page.columns.map((c) => (
              <th key={c.name}>
                <FilterBox column={c} onFilter={onFilter} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no key of their own; their place in the result is theirs
            <tr key={page.offset + i}>
              {page.columns.map((c) => (
                <td key={c.name} className={numeric(c) ? 'num' : undefined}>
                  {cellText(row[c.name])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
