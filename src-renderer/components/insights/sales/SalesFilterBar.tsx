/** The sales filters: a date range, countries and products, from what the fact table holds. */
import { SALES_FILTER_MAX } from '../../../../src-preload/values.ts'
import { type SalesSelection, useSalesFilters } from '../../../api/insights-hooks.ts'
import { ErrorNote } from '../../ErrorNote.tsx'
import { MultiPick } from '../MultiPick.tsx'
import { FilterSummary } from './FilterSummary.tsx'
import { withCountries, withFrom, withProducts, withTo } from './selection.ts'

/** A day within the purchases' range; cleared, it is ''. */
function DateField({
  label,
  testId,
  value,
  range,
  onChange,
}: {
  label: string
  testId: string
  value: string | undefined
  range: { from: string; to: string } | null | undefined
  onChange: (day: string) => void
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="date"
        className="input date-input"
        data-testid={testId}
        min={range?.from}
        max={range?.to}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  )
}

export function SalesFilterBar({
  selection,
  onChange,
}: {
  selection: SalesSelection
  onChange: (selection: SalesSelection) => void
}) {
  const filters = useSalesFilters()
  const options = filters.data
  return (
    <section className="panel sales-filters" aria-label="Filters" data-testid="sales-filters">
      <div className="filter-controls">
        <DateField
          label="From"
          testId="filter-from"
          value={selection.from}
          range={options}
          onChange={(day) => onChange(withFrom(selection, day))}
        />
        <DateField
          label="To"
          testId="filter-to"
          value={selection.to}
          range={options}
          onChange={(day) => onChange(withTo(selection, day))}
        />
        <MultiPick
          label="Countries"
          options={options?.pays ?? []}
          picked={selection.pays ?? []}
          onChange={(pays) => onChange(withCountries(selection, pays))}
          max={SALES_FILTER_MAX}
        />
        <MultiPick
          label="Products"
          options={options?.produit ?? []}
          picked={selection.produit ?? []}
          onChange={(produit) => onChange(withProducts(selection, produit))}
          max={SALES_FILTER_MAX}
        />
      </div>
      <FilterSummary selection={selection} options={options} onChange={onChange} />
      <ErrorNote error={filters.error} />
    </section>
  )
}
