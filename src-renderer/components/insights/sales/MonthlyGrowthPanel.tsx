/**
 * Revenue per month (bars) with its change from the month before (line, right axis); a first or last month
 * the data only partly covers is drawn pale with a dashed outline, and its tooltip says how many days it holds.
 */
import { Bar, CartesianGrid, Cell, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts'
import {
  type GrowthPoint,
  type SalesSelection,
  useMonthlyGrowth,
  useSalesFilters,
} from '../../../api/insights-hooks.ts'
import { formatMoney, formatMoneyCompact, formatMonth } from '../../../pages/overview-format.ts'
import { CHART } from '../../chart-theme.ts'
import { labelledColumns } from '../../export/column-labels.ts'
import {
  coveredRange,
  type MarkedPoint,
  markPartialPeriods,
  partialMark,
  partialText,
} from '../../partial-periods.ts'
import { formatGrowth } from '../format.ts'
import { QueryChartFrame } from '../QueryChartFrame.tsx'
import { NO_SALES_TEXT } from './empty-text.ts'

const COLUMNS = labelledColumns<GrowthPoint>(['mois', 'ca', 'growth_pct'])

function MonthlyGrowthChart({ points }: { points: MarkedPoint<GrowthPoint>[] }) {
  return (
    <ComposedChart responsive data={points} margin={CHART.margin} style={CHART.style}>
      <CartesianGrid {...CHART.grid} />
      <XAxis dataKey="mois" tickFormatter={formatMonth} minTickGap={24} {...CHART.axis} />
      <YAxis yAxisId="ca" tickFormatter={formatMoneyCompact} width={72} {...CHART.axis} axisLine={false} />
      <YAxis
        yAxisId="growth"
        orientation="right"
        tickFormatter={(v: number) => formatGrowth(v)}
        width={56}
        {...CHART.axis}
        axisLine={false}
      />
      <Tooltip
        {...CHART.tooltip}
        labelFormatter={(label) => formatMonth(String(label))}
        formatter={(value, name, item) => {
          if (name === 'Growth') return [formatGrowth(typeof value === 'number' ? value : null), name]
          const { partial } = item.payload as MarkedPoint<GrowthPoint>
          return [`${formatMoney(Number(value))}${partial ? ` · ${partialText(partial)}` : ''}`, name]
        }}
      />
      <Bar yAxisId="ca" dataKey="ca" name="Revenue" fill={CHART.colors.revenue} isAnimationActive={false}>
        {points.map((point) => (
          <Cell
            key={point.mois}
            fillOpacity={point.partial ? 0.35 : 1}
            stroke={point.partial ? CHART.colors.revenue : undefined}
            strokeDasharray={point.partial ? '4 3' : undefined}
          />
        ))}
      </Bar>
      <Line
        yAxisId="growth"
        dataKey="growth_pct"
        name="Growth"
        stroke={CHART.colors.secondary}
        strokeWidth={2}
        dot={{ r: 2 }}
        connectNulls={false}
        isAnimationActive={false}
      />
    </ComposedChart>
  )
}

export function MonthlyGrowthPanel({ selection }: { selection: SalesSelection }) {
  const growth = useMonthlyGrowth(selection)
  const filters = useSalesFilters()
  const range = coveredRange(filters.data ?? undefined, selection)
  const points = markPartialPeriods(
    growth.data ?? [],
    (p) => p.mois,
    (p) => p.ca,
    'month',
    range,
  )
  return (
    <QueryChartFrame
      title="Revenue per month"
      name="sales-monthly"
      rows={points}
      columns={COLUMNS}
      aside={<span className="muted chart-aside">line: change from the month before</span>}
      query={growth}
      empty={points.length === 0}
      emptyText={NO_SALES_TEXT}
      testId="sales-monthly-chart"
      marks={{ points: points.length, partial: partialMark(points, (p) => p.mois) }}
    >
      <MonthlyGrowthChart points={points} />
    </QueryChartFrame>
  )
}
