/**
 * Under the filters: what the figures cover. With no filter, the whole date range; with filters, one chip per
 * kind of filter (each removable) and a reset.
 */

import type { SalesFilters } from '../../../../src-preload/contract-insights.ts'
import type { SalesSelection } from '../../../api/insights-hooks.ts'
import { formatDay } from '../format.ts'
import { withCountries, withoutDates, withProducts } from './selection.ts'

function Chip({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <span className="filter-chip">
      {label}
      <button type="button" className="filter-chip-remove" aria-label={`Remove ${label}`} onClick={onRemove}>
        ×
      </button>
    </span>
  )
}

export function FilterSummary({
  selection,
  options,
  onChange,
}: {
  selection: SalesSelection
  options: SalesFilters | null | undefined
  onChange: (selection: SalesSelection) => void
}) {
  const chips: { label: string; remove: () => SalesSelection }[] = []
  if (selection.from || selection.to) {
    const from = formatDay(selection.from ?? options?.from ?? '…')
    const to = formatDay(selection.to ?? options?.to ?? '…')
    chips.push({ label: `${from} – ${to}`, remove: () => withoutDates(selection) })
  }
  if (selection.pays?.length) {
    chips.push({ label: selection.pays.join(', '), remove: () => withCountries(selection, []) })
  }
  if (selection.produit?.length) {
    chips.push({ label: selection.produit.join(', '), remove: () => withProducts(selection, []) })
  }
  if (chips.length === 0) {
    return (
      <p className="filter-summary muted" data-testid="filter-summary">
        All purchases
        {options ? `, ${formatDay(options.from)} – ${formatDay(options.to)}` : ''}. Narrow them by date,
        country or product.
      </p>
    )
  }
  return (
    <div className="filter-summary filter-summary-active" data-testid="filter-summary">
      <strong>Filters active:</strong>
      {chips.map((chip) => (
        <Chip key={chip.label} label={chip.label} onRemove={() => onChange(chip.remove())} />
      ))}
      <button type="button" className="button button-small" onClick={() => onChange({})}>
        Reset filters
      </button>
    </div>
  )
}
