/**
 * One headline figure. `data-testid` and `data-value` (the raw number) let a test compare what is shown
 * with what the API serves without parsing locale-formatted text.
 */
import { formatKpi, type KpiCardSpec } from '../pages/overview-format.ts'

export function KpiCard({ spec, value }: { spec: KpiCardSpec; value: number | null | undefined }) {
  const known = typeof value === 'number' && Number.isFinite(value)
  return (
    <div className="kpi-card" data-testid={`kpi-${spec.key}`} data-value={known ? String(value) : ''}>
      <div className="kpi-label">{spec.label}</div>
      <div className={`kpi-value kpi-${spec.kind}`}>{formatKpi(spec.kind, value)}</div>
      <div className="kpi-hint">{spec.hint}</div>
    </div>
  )
}

/** The card's shape while the figures load, so the grid does not jump. */
export function KpiCardPlaceholder({ spec }: { spec: KpiCardSpec }) {
  return (
    <div className="kpi-card kpi-card-loading" aria-busy="true">
      <div className="kpi-label">{spec.label}</div>
      <div className="kpi-value kpi-value-loading" />
      <div className="kpi-hint">{spec.hint}</div>
    </div>
  )
}
