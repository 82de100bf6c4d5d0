/**
 * Revenue per day or per week of the selected purchases, as a line (sampled when there are many days); a
 * first or last week the data only partly covers is drawn dashed, and its tooltip says how many days it holds.
 */
import { useState } from 'react'
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts'
import type { SalesRow } from '../../../../src-preload/contract-insights.ts'
import { type SalesSelection, useSales, useSalesFilters } from '../../../api/insights-hooks.ts'
import { formatMoney, formatMoneyCompact } from '../../../pages/overview-format.ts'
import { CHART } from '../../chart-theme.ts'
import { partialPeriodLines } from '../../PartialPeriodLines.tsx'
import {
  coveredRange,
  type MarkedPoint,
  markPartialPeriods,
  partialMark,
  partialText,
} from '../../partial-periods.ts'
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

function TrendChart({ rows, grain }: { rows: MarkedPoint<SalesRow>[]; grain: TrendGrain }) {
  const dayLabel = (key: unknown) =>
    grain === 'week' ? `Week of ${formatDay(String(key))}` : formatDay(String(key))
  const line = {
    type: 'linear',
    stroke: CHART.colors.revenue,
    strokeWidth: grain === 'day' ? 1.25 : 2,
  } as const
  return (
    <LineChart responsive data={rows} margin={CHART.margin} style={CHART.style}>
      <CartesianGrid {...CHART.grid} />
      <XAxis dataKey="key" tickFormatter={(key: string) => formatDay(key)} minTickGap={40} {...CHART.axis} />
      <YAxis tickFormatter={formatMoneyCompact} width={72} {...CHART.axis} axisLine={false} />
      <Tooltip
        {...CHART.tooltip}
        labelFormatter={dayLabel}
        formatter={(value, _name, item) => {
          const row = item.payload as MarkedPoint<SalesRow>
          const partial = row.partial ? ` · ${partialText(row.partial)}` : ''
          return [
            `${formatMoney(Number(value))} · ${formatCountOf(row.nb_achats)} purchases${partial}`,
            'Revenue',
          ]
        }}
      />
      {/* The tooltip's series, not drawn: the solid and dashed lines below draw it. */}
      <Line dataKey="ca" name="Revenue" {...line} strokeOpacity={0} dot={false} isAnimationActive={false} />
      {partialPeriodLines(line)}
    </LineChart>
  )
}

export function RevenueTrendPanel({ selection }: { selection: SalesSelection }) {
  const [grain, setGrain] = useState<TrendGrain>('week')
  const sales = useSales(selection, grain)
  const filters = useSalesFilters()
  const rows = sales.data?.rows ?? []
  const range = coveredRange(filters.data ?? undefined, selection)
  const shown = markPartialPeriods(
    evenSample(rows),
    (r) => r.key,
    (r) => r.ca,
    grain,
    range,
  )
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
      marks={{ grain: sales.data?.grain, points: shown.length, partial: partialMark(shown, (r) => r.key) }}
    >
      <TrendChart rows={shown} grain={grain} />
    </QueryChartFrame>
  )
}
