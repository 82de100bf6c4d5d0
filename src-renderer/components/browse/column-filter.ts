/**
 * What a person types in a column's filter box, as a browse filter: `>100`, `<=2025-06-01`, `=VIP`,
 * `!=France`, `null`, `!null`; bare text is "contains" on text columns and "equals" on others.
 */
import type { BrowseColumn, BrowseFilter } from '../../../src-preload/contract-browse.ts'

const OPERATORS: [string, BrowseFilter['op']][] = [
  ['>=', 'gte'],
  ['<=', 'lte'],
  ['!=', 'ne'],
  ['>', 'gt'],
  ['<', 'lt'],
  ['=', 'eq'],
]

export function parseColumnFilter(column: BrowseColumn, typed: string): BrowseFilter | undefined {
  const text = typed.trim()
  if (text === '') return undefined
  if (text === 'null') return { column: column.name, op: 'isNull', value: '' }
  if (text === '!null') return { column: column.name, op: 'notNull', value: '' }
  for (const [prefix, op] of OPERATORS) {
    if (text.startsWith(prefix)) return { column: column.name, op, value: text.slice(prefix.length).trim() }
  }
  return { column: column.name, op: column.type === 'text' ? 'contains' : 'eq', value: text }
}
