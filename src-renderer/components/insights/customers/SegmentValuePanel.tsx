/** Expected value and value at risk over the next 12 months, per segment (the original's segment bar). */
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts'
import type { Row } from '../../../../src-preload/contract.ts'
import { useSegments } from '../../../api/insights-hooks.ts'
import { formatMoney, formatMoneyCompact } from '../../../pages/overview-format.ts'
import { CHART } from '../../chart-theme.ts'
import { labelledColumns } from '../../export/column-labels.ts'
import { QueryChartFrame } from '../QueryChartFrame.tsx'
import { NO_SCORES_TEXT } from './empty-text.ts'
import { segmentColor } from './segments.ts'

export const SEGMENT_COLUMNS = labelledColumns<Row>([
  'segment_label',
  'clients',
  'ca_12m',
  'expected_value_12m',
  'value_at_risk_12m',
  'freq_med',
  'recency_med',
])

/** What every colour means: each segment's colour is its expected value, grey its value at risk. */
function SegmentLegend({ segments }: { segments: readonly string[] }) {
  return (
    <ul className="chart-legend" data-testid="segment-legend" aria-label="Legend">
      {segments.map((segment) => (
        <li key={segment}>
          <span className="legend-swatch" style={{ background: segmentColor(segment) }} />
          {segment}: expected value
        </li>
      ))}
      <li>
        <span className="legend-swatch" style={{ background: CHART.colors.neutral, opacity: 0.55 }} />
        Value at risk (every segment)
      </li>
    </ul>
  )
}

export function SegmentValuePanel() {
  const segments = useSegments()
  const rows = segments.data?.rows ?? []
  return (
    <QueryChartFrame
      title="Value by segment, next 12 months"
      name="customers-segment-value"
      rows={rows}
      columns={SEGMENT_COLUMNS}
      height={280}
      aside={<SegmentLegend segments={rows.map((row) => String(row.segment_label))} />}
      query={segments}
      empty={rows.length === 0}
      emptyText={NO_SCORES_TEXT}
      testId="segment-chart"
      marks={{ points: rows.length }}
    >
      <BarChart responsive data={rows} margin={CHART.margin} style={CHART.style}>
        <CartesianGrid {...CHART.grid} />
        <XAxis dataKey="segment_label" interval={0} {...CHART.axis} />
        <YAxis tickFormatter={formatMoneyCompact} width={72} {...CHART.axis} axisLine={false} />
        <Tooltip {...CHART.tooltip} formatter={(value, name) => [formatMoney(Number(value)), name]} />
        <Bar dataKey="expected_value_12m" name="Expected value" isAnimationActive={false}>
          {rows.map((row) => (
            <Cell key={String(row.segment_label)} fill={segmentColor(String(row.segment_label))} />
          ))}
        </Bar>
        <Bar
          dataKey="value_at_risk_12m"
          name="Value at risk"
          fill={CHART.colors.neutral}
          fillOpacity={0.55}
          isAnimationActive={false}
        />
      </BarChart>
    </QueryChartFrame>
  )
}
