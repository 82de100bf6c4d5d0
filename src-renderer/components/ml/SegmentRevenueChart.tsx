/** Revenue and size of each advisor cluster, named after its majority RFM segment. */
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import type { SegmentProfile } from '../../../src-preload/contract-ml.ts'
import { formatMoney, formatMoneyCompact } from '../../pages/overview-format.ts'
import { AXIS_PROPS, CHART_MARGIN, CHART_STYLE, GRID_PROPS, TOOLTIP_PROPS } from '../chart-theme.ts'
import { ChartFrame } from '../export/ChartFrame.tsx'
import { catalogColumns, SEGMENT_REVENUE_LABELS } from '../export/column-labels.ts'

interface SegmentBar {
  name: string
  cluster: number
  label: string
  size: number
  revenue_total: number
}

const COLUMNS = catalogColumns<SegmentBar>(SEGMENT_REVENUE_LABELS)

export function SegmentRevenueChart({ segments }: { segments: readonly SegmentProfile[] }) {
  const rows: SegmentBar[] = segments.map((s) => ({
    name: `${s.cluster} · ${s.label}`,
    cluster: s.cluster,
    label: s.label,
    size: s.size,
    revenue_total: s.revenue_total,
  }))
  return (
    <ChartFrame
      title="Revenue per cluster"
      name="advisor-segments"
      rows={rows}
      columns={COLUMNS}
      height={260}
    >
      <BarChart responsive data={rows} margin={CHART_MARGIN} style={CHART_STYLE}>
        <CartesianGrid {...GRID_PROPS} />
        <XAxis dataKey="name" {...AXIS_PROPS} />
        <YAxis tickFormatter={formatMoneyCompact} width={72} {...AXIS_PROPS} />
        <Tooltip
          {...TOOLTIP_PROPS}
          formatter={(value) => (typeof value === 'number' ? formatMoney(value) : String(value))}
        />
        <Bar dataKey="revenue_total" name="revenue" fill="var(--chart-3)" isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  )
}
