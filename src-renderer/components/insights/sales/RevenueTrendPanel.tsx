/** Revenue per day or per week of the selected purchases, as a line (sampled when there are many days). */
import { useState } from 'react'
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts'
import type { SalesRow } from '../../../../src-preload/contract-insights.ts'
import { type SalesSelection, useSales } from '../../../api/insights-hooks.ts'
import { formatMoney, formatMoneyCompact } from '../../../pages/overview-format.ts'
import { CHART } from '../../chart-theme.ts'
import { formatCountOf, formatDay } from '../format.ts'
import { QueryChartFrame } from '../QueryChartFrame.tsx'
import { Segmented } from '../Segmented.tsx'
import { evenSample } from '../sampling.ts'
import { NO_SALES_TEXT } from './empty-text.ts'
import { salesColumns } from './sales-columns.ts'

type TrendGrain = 'day' | 'week'

const GRAINS = [
  { value: 'day', label: 'Per day' },
  { value: 'week', label: 'Per week' },
] as const

function TrendChart({ rows, grain }: { rows: SalesRow[]; grain: TrendGrain }) {
  const dayLabel = (key: unknown) =>
    grain === 'week' ? `Week of ${formatDay(String(key))}` : formatDay(String(key))
  return (
    <LineChart responsive data={rows} margin={CHART.margin} style={CHART.style}>
      <CartesianGrid {...CHART.grid} />
      <XAxis dataKey="key" tickFormatter={(key: string) => formatDay(key)} minTickGap={40} {...CHART.axis} />
      <YAxis tickFormatter={formatMoneyCompact} width={72} {...CHART.axis} axisLine={false} />
      <Tooltip
        {...CHART.tooltip}
        labelFormatter={dayLabel}
        formatter={(value, _name, item) => [
          `${formatMoney(Number(value))} · ${formatCountOf((item.payload as SalesRow).nb_achats)} purchases`,
          'Revenue',
        ]}
      />
      <Line
        dataKey="ca"
        name="Revenue"
        type="linear"
        stroke={CHART.colors.revenue}
        strokeWidth={grain === 'day' ? 1.25 : 2}
        dot={false}
        isAnimationActive={false}
      />
    </LineChart>
  )
}

export function RevenueTrendPanel({ selection }: { selection: SalesSelection }) {
  const [grain, setGrain] = useState<TrendGrain>('week')
  const sales = useSales(selection, grain)
  const rows = sales.data?.rows ?? []
  const shown = evenSample(rows)
  return (
    <QueryChartFrame
      title={grain === 'day' ? 'Revenue per day' : 'Revenue per week'}
      name={`sales-${grain === 'day' ? 'daily' : 'weekly'}`}
      rows={rows}
      columns={salesColumns(grain === 'day' ? 'jour' : 'semaine')}
      aside={
        <>
          {shown.length < rows.length ? (
            <span className="muted chart-aside">
              {formatCountOf(shown.length)} of {formatCountOf(rows.length)} days drawn
            </span>
          ) : null}
          <Segmented label="Period" options={GRAINS} value={grain} onChange={setGrain} />
        </>
      }
      query={sales}
      empty={rows.length === 0}
      emptyText={NO_SALES_TEXT}
      testId="sales-trend-chart"
      marks={{ grain: sales.data?.grain, points: shown.length }}
    >
      <TrendChart rows={shown} grain={grain} />
    </QueryChartFrame>
  )
}
