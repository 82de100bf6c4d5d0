/** One figure per first-purchase month as bars: new clients, or their revenue (the original's two charts). */
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import type { Row } from '../../../../src-preload/contract.ts'
import { useCohorts } from '../../../api/insights-hooks.ts'
import { formatMoney, formatMoneyCompact, formatMonth } from '../../../pages/overview-format.ts'
import { CHART } from '../../chart-theme.ts'
import { labelledColumns } from '../../export/column-labels.ts'
import { formatCountOf } from '../format.ts'
import { QueryChartFrame } from '../QueryChartFrame.tsx'

const COLUMNS = labelledColumns<Row>(['first_purchase_month', 'clients', 'ca'])

const MEASURES = {
  clients: {
    title: 'New clients per cohort',
    name: 'cohort-new-clients',
    note: 'clients by month of first purchase',
    format: (v: number) => formatCountOf(v),
    tick: (v: number) => formatCountOf(v),
    label: 'New clients',
    color: CHART.colors.secondary,
  },
  ca: {
    title: 'Revenue per cohort',
    name: 'cohort-revenue',
    note: 'everything these clients bought since',
    format: formatMoney,
    tick: formatMoneyCompact,
    label: 'Revenue',
    color: CHART.colors.revenue,
  },
} as const

export function CohortBarsPanel({ measure }: { measure: keyof typeof MEASURES }) {
  const cohorts = useCohorts()
  const rows = cohorts.data?.rows ?? []
  const spec = MEASURES[measure]
  return (
    <QueryChartFrame
      title={spec.title}
      name={spec.name}
      rows={rows}
      columns={COLUMNS}
      height={280}
      aside={<span className="muted chart-aside">{spec.note}</span>}
      query={cohorts}
      empty={rows.length === 0}
      emptyText="No cohort is served: run the pipeline so gold builds cohort_first_purchase."
      testId={`cohort-${measure}-chart`}
      marks={{ points: rows.length }}
    >
      <BarChart responsive data={rows} margin={CHART.margin} style={CHART.style}>
        <CartesianGrid {...CHART.grid} />
        <XAxis dataKey="first_purchase_month" tickFormatter={formatMonth} minTickGap={16} {...CHART.axis} />
        <YAxis tickFormatter={spec.tick} width={72} {...CHART.axis} axisLine={false} />
        <Tooltip
          {...CHART.tooltip}
          labelFormatter={(label) => `Cohort ${formatMonth(String(label))}`}
          formatter={(value) => [spec.format(Number(value)), spec.label]}
        />
        <Bar dataKey={measure} name={spec.label} fill={spec.color} isAnimationActive={false} />
      </BarChart>
    </QueryChartFrame>
  )
}
