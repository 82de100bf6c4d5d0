/**
 * The browser's checks of a query against a source's columns, whatever the store: a sort or filter
 * column must exist (invalid_input naming it and the columns there are), and a filter's value must read
 * in the column's type (a number for numbers, a day or ISO time for dates).
 */
import type {
  BrowseColumn,
  BrowseExportColumns,
  BrowseFilter,
  BrowseQuery,
} from '../../../src-preload/contract-browse.ts'
import { MedallionError } from '../errors.ts'

/** A filter whose value is read in its column's type (null for isNull/notNull, which take none). */
export interface TypedFilter {
  column: BrowseColumn
  op: BrowseFilter['op']
  value: string | number | boolean | Date | null
}

const NAMES_SHOWN = 12

function columnList(columns: readonly BrowseColumn[]): string {
  const names = columns.slice(0, NAMES_SHOWN).map((c) => c.name)
  const more = columns.length > NAMES_SHOWN ? ` … and ${columns.length - NAMES_SHOWN} more` : ''
  return `${names.join(', ')}${more}`
}

export function findColumn(
  columns: readonly BrowseColumn[],
  name: string,
  where: string,
  label: string,
): BrowseColumn {
  const column = columns.find((c) => c.name === name)
  if (!column) {
    throw new MedallionError(
      'invalid_input',
      `${where}: no column ${JSON.stringify(name.slice(0, 128))} in ${label} (its columns: ${columnList(columns)})`,
    )
  }
  return column
}

/** A day (YYYY-MM-DD) or an ISO time; without a zone it is naive UTC, as the lake stores times. */
function parseTime(text: string): Date | undefined {
  const trimmed = text.trim()
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(trimmed)) {
    return undefined
  }
  const iso = trimmed.replace(' ', 'T')
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}${iso.length === 10 ? 'T00:00:00' : ''}Z`
  const time = Date.parse(zoned)
  return Number.isNaN(time) ? undefined : new Date(time)
}

function typedValue(column: BrowseColumn, filter: BrowseFilter, where: string): TypedFilter['value'] {
  if (filter.op === 'isNull' || filter.op === 'notNull') return null
  // "contains" compares the value's text, whatever the column's type.
  if (filter.op === 'contains') return filter.value
  const bad = (expected: string) =>
    new MedallionError(
      'invalid_input',
      `${where}: the filter on ${column.name} (${column.type}) expects ${expected}, got ${JSON.stringify(filter.value.slice(0, 40))}`,
    )
  switch (column.type) {
    case 'integer':
    case 'number': {
      const n = Number(filter.value)
      if (filter.value.trim() === '' || !Number.isFinite(n)) throw bad('a number')
      return n
    }
    case 'boolean':
      if (filter.value !== 'true' && filter.value !== 'false') throw bad('true or false')
      return filter.value === 'true'
    case 'datetime':
    case 'date': {
      const time = parseTime(filter.value)
      if (!time) throw bad('a day as YYYY-MM-DD or an ISO time')
      return time
    }
    default:
      return filter.value
  }
}

/** The query's sort and filters checked against the columns (`where` names the call, `label` the source). */
export function checkQuery(
  columns: readonly BrowseColumn[],
  query: Pick<BrowseQuery, 'sort' | 'filters'>,
  where: string,
  label: string,
): { sort?: { column: BrowseColumn; desc: boolean }; filters: TypedFilter[] } {
  const sort = query.sort
    ? { column: findColumn(columns, query.sort.column, where, label), desc: query.sort.desc }
    : undefined
  const filters = (query.filters ?? []).map((filter) => {
    const column = findColumn(columns, filter.column, where, label)
    return { column, op: filter.op, value: typedValue(column, filter, where) }
  })
  return { ...(sort ? { sort } : {}), filters }
}

/** A column an export writes, and the header it writes it under. */
export interface ExportedColumn {
  column: BrowseColumn
  header: string
}

/**
 * The columns an export writes: the ones asked for, in that order, under their labels (each checked to
 * exist); with none asked for, every column under its own name.
 */
export function exportedColumns(
  columns: readonly BrowseColumn[],
  wanted: BrowseExportColumns | undefined,
  where: string,
  label: string,
): ExportedColumn[] {
  if (!wanted) return columns.map((column) => ({ column, header: column.name }))
  return wanted.map((w) => ({
    column: findColumn(columns, w.column, where, label),
    header: w.label ?? w.column,
  }))
}
