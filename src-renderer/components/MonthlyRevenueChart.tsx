/** Revenue per month as a line with a marker per month (the original's "CA par mois"). */
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts'
import type { Row } from '../../src-preload/contract.ts'
import { formatMoney, formatMoneyCompact, formatMonth } from '../pages/overview-format.ts'

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
      <LineChart
        responsive
        data={points as MonthPoint[]}
        margin={{ top: 8, right: 16, bottom: 4, left: 8 }}
        style={{ width: '100%', height: '100%' }}
      >
        <CartesianGrid stroke="#e6e9ee" vertical={false} />
        <XAxis
          dataKey="mois"
          tickFormatter={formatMonth}
          tick={{ fontSize: 12, fill: '#6a7383' }}
          tickLine={false}
          axisLine={{ stroke: '#dfe3e8' }}
          minTickGap={24}
        />
        <YAxis
          tickFormatter={formatMoneyCompact}
          tick={{ fontSize: 12, fill: '#6a7383' }}
          tickLine={false}
          axisLine={false}
          width={72}
        />
        <Tooltip
          formatter={(value) => [typeof value === 'number' ? formatMoney(value) : String(value), 'Revenue']}
          labelFormatter={(label) => formatMonth(String(label))}
        />
        {/* No animation: the figures are shown as soon as they arrive, and a screenshot is stable. */}
        <Line
          type="linear"
          dataKey="ca"
          name="Revenue"
          stroke="#b07a1c"
          strokeWidth={2}
          dot={{ r: 2.5, strokeWidth: 1, fill: '#b07a1c' }}
          activeDot={{ r: 4 }}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  )
}
