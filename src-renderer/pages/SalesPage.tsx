/**
 * Sales: the selection's totals, revenue per month with its growth, per day or week, by country and by
 * product, and the basket distribution. The filters (dates, countries, products) re-query `data.sales`, which
 * the store computes from the fact table, so every figure on the page covers the same purchases.
 */
import { useState } from 'react'
import { isSelectionActive, type SalesSelection, useSales } from '../api/insights-hooks.ts'
import { ExportScope } from '../components/export/export-context.tsx'
import { InsightsPage } from '../components/insights/InsightsPage.tsx'
import { BasketPanel } from '../components/insights/sales/BasketPanel.tsx'
import { MonthlyGrowthPanel } from '../components/insights/sales/MonthlyGrowthPanel.tsx'
import { RankedRevenuePanel } from '../components/insights/sales/RankedRevenuePanel.tsx'
import { RevenueTrendPanel } from '../components/insights/sales/RevenueTrendPanel.tsx'
import { SalesFilterBar } from '../components/insights/sales/SalesFilterBar.tsx'
import { SalesTotals } from '../components/insights/sales/SalesTotals.tsx'
import { selectionFilters } from '../components/insights/sales/selection.ts'
import './sales.css'

function SalesContent() {
  const [selection, setSelection] = useState<SalesSelection>({})
  // The same query as the country panel's (one request): its totals cover the whole selection.
  const totals = useSales(selection, 'country').data?.totals
  return (
    <>
      <SalesFilterBar selection={selection} onChange={setSelection} />
      <SalesTotals totals={totals} filtered={isSelectionActive(selection)} />
      {/* Every export of the page names the filters it was taken under. */}
      <ExportScope filters={selectionFilters(selection)}>
        <MonthlyGrowthPanel selection={selection} />
        <RevenueTrendPanel selection={selection} />
        <div className="insights-pair">
          <RankedRevenuePanel selection={selection} grain="country" />
          <RankedRevenuePanel selection={selection} grain="product" />
        </div>
        <BasketPanel selection={selection} />
      </ExportScope>
    </>
  )
}

export function SalesPage() {
  return (
    <InsightsPage title="Sales" intro="What was sold, when, where and at what basket size.">
      <SalesContent />
    </InsightsPage>
  )
}
