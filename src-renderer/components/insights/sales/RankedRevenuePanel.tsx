/** Revenue by country or by product of the selected purchases: horizontal bars, largest first. */
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import type { SalesRow } from '../../../../src-preload/contract-insights.ts'
import { type SalesSelection, useSales } from '../../../api/insights-hooks.ts'
import { formatMoney, formatMoneyCompact } from '../../../pages/overview-format.ts'
import { CHART } from '../../chart-theme.ts'
import { formatCountOf } from '../format.ts'
import { QueryChartFrame } from '../QueryChartFrame.tsx'
import { NO_SALES_TEXT } from './empty-text.ts'
import { salesColumns } from './sales-columns.ts'

/** Bars drawn at most (the original's "Top produits" showed 15); the export has every row. */
const MAX_BARS = 15
const BAR_ROW_PX = 26

function RankedChart({ rows }: { rows: SalesRow[] }) {
  return (
    <BarChart
      responsive
      layout="vertical"
      data={rows}
      margin={{ top: 0, right: 16, bottom: 0, left: 8 }}
      style={CHART.style}
    >
      <CartesianGrid stroke="var(--chart-grid)" horizontal={false} />
      <XAxis type="number" tickFormatter={formatMoneyCompact} {...CHART.axis} />
      <YAxis type="category" dataKey="key" width={96} interval={0} {...CHART.axis} />
      <Tooltip
        {...CHART.tooltip}
        formatter={(value, _name, item) => {
          const row = item.payload as SalesRow
          const buyers = row.clients === null ? '' : ` · ${formatCountOf(row.clients)} clients`
          return [
            `${formatMoney(Number(value))} · ${formatCountOf(row.nb_achats)} purchases${buyers}`,
            'Revenue',
          ]
        }}
      />
      <Bar dataKey="ca" name="Revenue" fill={CHART.colors.revenue} barSize={16} isAnimationActive={false} />
    </BarChart>
  )
}

export function RankedRevenuePanel({
  selection,
  grain,
}: {
  selection: SalesSelection
  grain: 'country' | 'product'
}) {
  const sales = useSales(selection, grain)
  const rows = sales.data?.rows ?? []
  const shown = rows.slice(0, MAX_BARS)
  const what = grain === 'country' ? 'countries' : 'products'
  return (
    <QueryChartFrame
      title={grain === 'country' ? 'Revenue by country' : 'Revenue by product'}
      name={`sales-by-${grain}`}
      rows={rows}
      columns={salesColumns(grain === 'country' ? 'pays' : 'produit')}
      height={Math.max(160, MAX_BARS * BAR_ROW_PX)}
      aside={
        rows.length > shown.length ? (
          <span className="muted chart-aside">
            top {shown.length} of {formatCountOf(rows.length)} {what}
          </span>
        ) : null
      }
      query={sales}
      empty={rows.length === 0}
      emptyText={NO_SALES_TEXT}
      testId={`sales-${grain}-chart`}
      marks={{ points: shown.length }}
    >
      <RankedChart rows={shown} />
    </QueryChartFrame>
  )
}
