/** How purchase amounts spread: purchases per amount bin (gold's 12 equal-width bins), in numeric order. */
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import type { SalesRow } from '../../../../src-preload/contract-insights.ts'
import { type SalesSelection, useSales } from '../../../api/insights-hooks.ts'
import { formatMoney } from '../../../pages/overview-format.ts'
import { CHART } from '../../chart-theme.ts'
import { columnLabel } from '../../export/column-labels.ts'
import type { ExportColumn } from '../../export/csv.ts'
import { formatCountOf } from '../format.ts'
import { QueryChartFrame } from '../QueryChartFrame.tsx'
import { NO_SALES_TEXT } from './empty-text.ts'

const COLUMNS: ExportColumn<SalesRow>[] = [
  { key: 'bin', label: columnLabel('bin') },
  { key: 'key', label: 'Basket' },
  { key: 'lower', label: columnLabel('lower') },
  { key: 'upper', label: columnLabel('upper') },
  { key: 'nb_achats', label: columnLabel('nb_achats') },
  { key: 'ca', label: columnLabel('ca') },
]

/** "(9.53, 50.851]" → "10 € – 51 €": the bin's edges as money, for the axis and the tooltip. */
function binLabel(row: SalesRow): string {
  return typeof row.lower === 'number' && typeof row.upper === 'number'
    ? `${formatMoney(row.lower)} – ${formatMoney(row.upper)}`
    : row.key
}

export function BasketPanel({ selection }: { selection: SalesSelection }) {
  const sales = useSales(selection, 'basket')
  const rows = sales.data?.rows ?? []
  const purchases = sales.data?.totals.nb_achats ?? 0
  const points = rows.map((row) => ({ ...row, label: binLabel(row) }))
  return (
    <QueryChartFrame
      title="Basket distribution"
      name="sales-basket-distribution"
      rows={rows}
      columns={COLUMNS}
      aside={<span className="muted chart-aside">purchases per amount range</span>}
      query={sales}
      empty={purchases === 0}
      emptyText={NO_SALES_TEXT}
      testId="sales-basket-chart"
      marks={{ points: points.length }}
    >
      <BarChart responsive data={points} margin={CHART.margin} style={CHART.style}>
        <CartesianGrid {...CHART.grid} />
        <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={8} {...CHART.axis} />
        <YAxis tickFormatter={(v: number) => formatCountOf(v)} width={56} {...CHART.axis} axisLine={false} />
        <Tooltip
          {...CHART.tooltip}
          formatter={(value, _name, item) => [
            `${formatCountOf(Number(value))} purchases · ${formatMoney((item.payload as SalesRow).ca)}`,
            'Purchases',
          ]}
        />
        <Bar dataKey="nb_achats" name="Purchases" fill={CHART.colors.secondary} isAnimationActive={false} />
      </BarChart>
    </QueryChartFrame>
  )
}
