/**
 * The Overview: the headline KPIs and the monthly revenue of the served gold, and which store serves
 * them. Everything is read through the contract (`serving.status`, `data.kpis`, `data.table`), so it is
 * the same inside Electron and in a browser; it refreshes when a task succeeds (see useTaskEvents).
 */

import { useKpis, useMonthly } from '../api/hooks.ts'
import { useSalesFilters } from '../api/insights-hooks.ts'
import { useServingProblem } from '../api/serving-problem.ts'
import { ErrorNote } from '../components/ErrorNote.tsx'
import { ChartFrame } from '../components/export/ChartFrame.tsx'
import { labelledColumns } from '../components/export/column-labels.ts'
import { ExportScope } from '../components/export/export-context.tsx'
import { KpiCard, KpiCardPlaceholder } from '../components/KpiCard.tsx'
import { MonthlyRevenueChart, monthPoints } from '../components/MonthlyRevenueChart.tsx'
import { ServingBanner, StoreStatusLine } from '../components/StoreStatus.tsx'
import { formatMonth, KPI_CARDS } from './overview-format.ts'

function KpiGrid() {
  const kpis = useKpis()
  if (!kpis.data) {
    // Loading: placeholders. Failed or nothing published: the banner above says why; no empty cards.
    return kpis.isPending ? (
      <div className="kpi-grid">
        {KPI_CARDS.map((spec) => (
          <KpiCardPlaceholder key={spec.key} spec={spec} />
        ))}
      </div>
    ) : null
  }
  const served = kpis.data
  return (
    <div className="kpi-grid" data-testid="kpi-grid">
      {KPI_CARDS.map((spec) => (
        <KpiCard key={spec.key} spec={spec} value={served[spec.key]} />
      ))}
    </div>
  )
}

/** The CSV export of the monthly chart: the served fields, as /monthly names them. */
const MONTHLY_COLUMNS = labelledColumns<{ mois: string; ca: number }>(['mois', 'ca'])

function MonthlyPanel() {
  const monthly = useMonthly()
  const filters = useSalesFilters()
  const points = monthly.data ? monthPoints(monthly.data.rows) : []
  return (
    <ChartFrame
      title="Revenue per month"
      name="monthly-revenue"
      rows={points}
      columns={MONTHLY_COLUMNS}
      aside={
        points.length > 0 ? (
          <span className="muted">
            {points.length} months, {formatMonth(points[0]?.mois ?? '')} –{' '}
            {formatMonth(points.at(-1)?.mois ?? '')}
          </span>
        ) : null
      }
    >
      {monthly.isPending ? <div className="chart-box chart-box-loading" aria-busy="true" /> : null}
      {monthly.data === null || (monthly.data && points.length === 0) ? (
        <p className="muted">No monthly revenue to show yet.</p>
      ) : null}
      {points.length > 0 ? <MonthlyRevenueChart points={points} range={filters.data ?? undefined} /> : null}
    </ChartFrame>
  )
}

export function OverviewPage() {
  const { health, problem, callError } = useServingProblem()
  return (
    <div className="page">
      <div className="page-head">
        <h1>Overview</h1>
        {health ? <StoreStatusLine health={health} /> : null}
      </div>
      {problem ? <ServingBanner problem={problem} health={health} /> : null}
      <ErrorNote error={callError} />
      {problem === 'unreachable' ? null : <KpiGrid />}
      {/* Asked for once the store is known to answer, so a store that is down gets no extra calls. */}
      {health?.ok && !problem ? (
        <ExportScope run={health.runId}>
          <MonthlyPanel />
        </ExportScope>
      ) : null}
    </div>
  )
}
