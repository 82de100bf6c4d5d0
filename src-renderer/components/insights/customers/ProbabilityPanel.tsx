/** How likely clients are to buy again within 12 months: a histogram of prob_reachat_12m. */
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import { useScoreSample } from '../../../api/insights-hooks.ts'
import { CHART } from '../../chart-theme.ts'
import { labelledColumns } from '../../export/column-labels.ts'
import { formatCountOf } from '../format.ts'
import { QueryChartFrame } from '../QueryChartFrame.tsx'
import { numberOf } from '../row-values.ts'
import { NO_SCORES_TEXT } from './empty-text.ts'
import { type ProbabilityBin, probabilityHistogram } from './probability-bins.ts'
import { SampleNote } from './SampleNote.tsx'

/** Room below and left of the plot for the axis titles. */
const AXIS_TITLE_MARGIN = { ...CHART.margin, bottom: CHART.margin.bottom + 18, left: CHART.margin.left + 8 }

const COLUMNS = labelledColumns<ProbabilityBin>(['lower', 'upper', 'clients'])

export function ProbabilityPanel() {
  const sample = useScoreSample()
  const rows = sample.data?.rows ?? []
  const probabilities = rows.map((row) => numberOf(row, 'prob_reachat_12m')).filter((p) => p !== null)
  const bins = probabilityHistogram(probabilities)
  return (
    <QueryChartFrame
      title="Re-purchase probability (12 months)"
      name="customers-repurchase-probability"
      rows={bins}
      columns={COLUMNS}
      height={280}
      aside={<SampleNote shown={rows.length} total={sample.data?.total ?? 0} />}
      query={sample}
      empty={probabilities.length === 0}
      emptyText={NO_SCORES_TEXT}
      testId="probability-chart"
      marks={{ clients: probabilities.length }}
    >
      <BarChart responsive data={bins} margin={AXIS_TITLE_MARGIN} barCategoryGap={1} style={CHART.style}>
        <CartesianGrid {...CHART.grid} />
        <XAxis
          dataKey="label"
          tickFormatter={(label: string) => label.slice(0, 4)}
          label={{
            value: 'Probability of buying again within 12 months',
            position: 'insideBottom',
            offset: -14,
            fill: 'var(--chart-axis)',
          }}
          {...CHART.axis}
        />
        <YAxis
          width={56}
          tickFormatter={(v: number) => formatCountOf(v)}
          label={{
            value: 'Clients',
            angle: -90,
            position: 'insideLeft',
            offset: 4,
            fill: 'var(--chart-axis)',
          }}
          {...CHART.axis}
          axisLine={false}
          allowDecimals={false}
        />
        <Tooltip {...CHART.tooltip} formatter={(value) => [formatCountOf(Number(value)), 'Clients']} />
        <Bar dataKey="clients" name="Clients" fill={CHART.colors.secondary} isAnimationActive={false} />
      </BarChart>
    </QueryChartFrame>
  )
}
