/** A column header that sorts the table by its column: a first click picks the column, a second flips it. */
export type SortDir = 'asc' | 'desc'

export interface SortState<F extends string> {
  field: F
  dir: SortDir
}

export function nextSort<F extends string>(current: SortState<F>, field: F, firstDir: SortDir): SortState<F> {
  if (current.field !== field) return { field, dir: firstDir }
  return { field, dir: current.dir === 'asc' ? 'desc' : 'asc' }
}

export function SortHeader<F extends string>({
  field,
  label,
  sort,
  firstDir,
  onSort,
  numeric,
}: {
  field: F
  label: string
  sort: SortState<F>
  firstDir: SortDir
  onSort: (sort: SortState<F>) => void
  numeric: boolean
}) {
  const active = sort.field === field
  return (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        className={`sort-button${active ? ' sort-button-active' : ''}`}
        data-sort-field={field}
        onClick={() => onSort(nextSort(sort, field, firstDir))}
      >
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  )
}
