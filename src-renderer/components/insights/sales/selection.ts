/** Edits of the sales selection, each returning a new one (no field left set to an empty value). */
import type { SalesSelection } from '../../../api/insights-hooks.ts'
import { filterText } from '../../export/export-context.tsx'
import { formatDay } from '../format.ts'

/** Drops the fields that select nothing, so equal selections make equal query keys. */
function tidy(selection: SalesSelection): SalesSelection {
  const next: SalesSelection = {}
  if (selection.from) next.from = selection.from
  if (selection.to) next.to = selection.to
  if (selection.pays?.length) next.pays = selection.pays
  if (selection.produit?.length) next.produit = selection.produit
  return next
}

/** A new first day; a last day before it moves with it (the call refuses from > to). */
export function withFrom(selection: SalesSelection, from: string): SalesSelection {
  const to = from && selection.to && selection.to < from ? from : selection.to
  return tidy({ ...selection, from, to })
}

/** A new last day; a first day after it moves with it. */
export function withTo(selection: SalesSelection, to: string): SalesSelection {
  const from = to && selection.from && selection.from > to ? to : selection.from
  return tidy({ ...selection, from, to })
}

export function withCountries(selection: SalesSelection, pays: string[]): SalesSelection {
  return tidy({ ...selection, pays })
}

export function withProducts(selection: SalesSelection, produit: string[]): SalesSelection {
  return tidy({ ...selection, produit })
}

export function withoutDates(selection: SalesSelection): SalesSelection {
  return tidy({ ...selection, from: undefined, to: undefined })
}

/** The selection as an export's context says it: countries, products, then the period (from, until or both). */
export function selectionFilters(selection: SalesSelection): string[] {
  const filters: string[] = []
  if (selection.pays?.length) filters.push(filterText(selection.pays))
  if (selection.produit?.length) filters.push(filterText(selection.produit))
  if (selection.from && selection.to)
    filters.push(`${formatDay(selection.from)} – ${formatDay(selection.to)}`)
  else if (selection.from) filters.push(`from ${formatDay(selection.from)}`)
  else if (selection.to) filters.push(`until ${formatDay(selection.to)}`)
  return filters
}
