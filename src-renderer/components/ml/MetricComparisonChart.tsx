/** The model beside the original heuristic on the held-out clients, for the metrics on a 0–1 scale. */
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'
import type { MetricComparison } from '../../../src-preload/contract-ml.ts'
import { AXIS_PROPS, CHART_MARGIN, CHART_STYLE, GRID_PROPS, TOOLTIP_PROPS } from '../chart-theme.ts'
import { ChartFrame } from '../export/ChartFrame.tsx'
import { catalogColumns, METRIC_COMPARISON_LABELS } from '../export/column-labels.ts'
import { formatMetric } from './ml-format.ts'

/** Log loss and the spend error have their own scales: they stay in the table. */
const CHARTED = ['roc_auc', 'brier', 'precision_top_decile', 'recall_top_decile']

const COLUMNS = catalogColumns<MetricComparison>(METRIC_COMPARISON_LABELS)

export function MetricComparisonChart({ comparison }: { comparison: readonly MetricComparison[] }) {
  const rows = comparison.filter((c) => CHARTED.includes(c.metric))
  return (
    <ChartFrame
      title="Model vs heuristic (held out)"
      name="predictor-vs-heuristic"
      rows={rows}
      columns={COLUMNS}
      height={260}
    >
      <BarChart responsive data={rows} margin={CHART_MARGIN} style={CHART_STYLE}>
        <CartesianGrid {...GRID_PROPS} />
        <XAxis dataKey="label" {...AXIS_PROPS} />
        <YAxis domain={[0, 1]} width={40} {...AXIS_PROPS} />
        <Tooltip
          {...TOOLTIP_PROPS}
          formatter={(value) => (typeof value === 'number' ? formatMetric(value) : String(value))}
        />
        <Legend itemSorter={null} />
        <Bar dataKey="model" name="model" fill="var(--chart-1)" isAnimationActive={false} />
        <Bar
          dataKey="baseline"
          name="heuristic (prob_reachat_12m)"
          fill="var(--chart-2)"
          isAnimationActive={false}
        />
      </BarChart>
    </ChartFrame>
  )
}
