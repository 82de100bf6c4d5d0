/** Revenue per month as a line with a marker per month (the original's "CA par mois"). */
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts'
import type { Row } from '../../src-preload/contract.ts'
import { formatMoney, formatMoneyCompact, formatMonth } from '../pages/overview-format.ts'
import {
  AXIS_PROPS,
  CHART_COLORS,
  CHART_MARGIN,
  CHART_STYLE,
  GRID_PROPS,
  TOOLTIP_PROPS,
} from './chart-theme.ts'

export interface MonthPoint {
  mois: string
  ca: number
}

/** The served rows as chart points; rows without a month or a numeric revenue are left out. */
export function monthPoints(rows: readonly Row[]): MonthPoint[] {
  const points: MonthPoint[] = []
  for (const row of rows) {
    const { mois, ca } = row
    if (typeof mois === 'string' && typeof ca === 'number' && Number.isFinite(ca)) points.push({ mois, ca })
  }
  return points
}

export function MonthlyRevenueChart({ points }: { points: readonly MonthPoint[] }) {
  return (
    <div className="chart-box" data-testid="monthly-chart" data-points={points.length}>
      <LineChart responsive data={points as MonthPoint[]} margin={CHART_MARGIN} style={CHART_STYLE}>
        <CartesianGrid {...GRID_PROPS} />
        <XAxis dataKey="mois" tickFormatter={formatMonth} {...AXIS_PROPS} minTickGap={24} />
        <YAxis tickFormatter={formatMoneyCompact} {...AXIS_PROPS} axisLine={false} width={72} />
        <Tooltip
          {...TOOLTIP_PROPS}
          formatter={(value) => [typeof value === 'number' ? formatMoney(value) : String(value), 'Revenue']}
          labelFormatter={(label) => formatMonth(String(label))}
        />
        {/* No animation: the figures are shown as soon as they arrive, and a screenshot is stable. */}
        <Line
          type="linear"
          dataKey="ca"
          name="Revenue"
          stroke={CHART_COLORS.revenue}
          strokeWidth={2}
          dot={{ r: 2.5, strokeWidth: 1, fill: CHART_COLORS.revenue }}
          activeDot={{ r: 4 }}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  )
}
