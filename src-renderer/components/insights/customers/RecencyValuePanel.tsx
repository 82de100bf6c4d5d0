/**
 * Recency against expected value, one dot per client coloured by segment (sampled when there are many);
 * a dot opens the client's detail, by mouse or from the keyboard (ChartPointPicker under the chart). Square-root axes: most clients bought recently and are worth little, so
 * linear axes would pile them into one corner.
 */
import { memo, useMemo, useState } from 'react'
import {
  CartesianGrid,
  Legend,
  Scatter,
  ScatterChart,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts'
import { useScoreSample } from '../../../api/insights-hooks.ts'
import { formatKpi, formatMoneyCompact } from '../../../pages/overview-format.ts'
import { CHART } from '../../chart-theme.ts'
import { labelledColumns } from '../../export/column-labels.ts'
import { formatCountOf, formatProbability } from '../format.ts'
import { QueryChartFrame } from '../QueryChartFrame.tsx'
import { ChartPointPicker, pickerOrder } from './ChartPointPicker.tsx'
import { NO_SCORES_TEXT } from './empty-text.ts'
import { SampleNote } from './SampleNote.tsx'
import { bySegment, type ClientPoint, clientPoints } from './scatter-points.ts'
import { segmentColor } from './segments.ts'

/** Recency ticks a reader knows: a week, a month, a quarter, half a year, a year, two. */
const RECENCY_TICKS = [0, 7, 30, 90, 180, 365, 730]

const COLUMNS = labelledColumns<ClientPoint>([
  'id_client',
  'segment_label',
  'recency_days',
  'expected_value_12m',
  'freq_12m',
  'monetary_12m',
  'prob_reachat_12m',
])

function PointTooltip({ active, payload }: Partial<TooltipContentProps<number, string>>) {
  const point = active ? (payload?.[0]?.payload as ClientPoint | undefined) : undefined
  if (!point) return null
  return (
    <div className="chart-tooltip">
      <strong>
        Client #{point.id_client} · {point.segment_label}
      </strong>
      <span>Expected 12m: {formatKpi('money', point.expected_value_12m)}</span>
      <span>Days since last purchase: {formatCountOf(point.recency_days)}</span>
      <span>
        Purchases 12m: {formatCountOf(point.freq_12m)} · spend {formatKpi('money', point.monetary_12m)}
      </span>
      <span>Re-purchase probability: {formatProbability(point.prob_reachat_12m)}</span>
    </div>
  )
}

/** Memoised: up to MAX_CHART_POINTS dots are not redrawn when the page opens or closes a client. */
export const RecencyValuePanel = memo(function RecencyValuePanel({
  onOpenClient,
}: {
  onOpenClient: (id: number) => void
}) {
  const sample = useScoreSample()
  const rows = sample.data?.rows
  const points = useMemo(() => clientPoints(rows ?? []), [rows])
  const series = [...bySegment(points)]
  const oldest = points.reduce((max, p) => Math.max(max, p.recency_days), 0)
  const recencyTicks = RECENCY_TICKS.filter((tick) => tick <= oldest)
  const ordered = useMemo(() => pickerOrder(points), [points])
  const [picked, setPicked] = useState(0)
  const [picking, setPicking] = useState(false)
  const index = Math.min(picked, Math.max(ordered.length - 1, 0))
  const ringed = picking ? ordered[index] : undefined
  return (
    <QueryChartFrame
      title="Recency vs expected value"
      name="customers-recency-value"
      rows={points}
      columns={COLUMNS}
      height={360}
      aside={
        <>
          <span className="muted chart-aside">square-root axes</span>
          <SampleNote shown={points.length} total={sample.data?.total ?? 0} />
        </>
      }
      query={sample}
      empty={points.length === 0}
      emptyText={NO_SCORES_TEXT}
      testId="recency-chart"
      marks={{ points: points.length }}
    >
      <div className="scatter-with-picker">
        <div className="scatter-area">
          <ScatterChart responsive margin={CHART.margin} style={CHART.style}>
            <CartesianGrid stroke="var(--chart-grid)" />
            <XAxis
              type="number"
              dataKey="recency_days"
              name="Days since last purchase"
              scale="sqrt"
              domain={[0, 'auto']}
              ticks={recencyTicks}
              {...CHART.axis}
              label={{
                value: 'days since last purchase',
                position: 'insideBottomRight',
                offset: -2,
                fill: 'var(--chart-axis)',
                fontSize: 12,
              }}
            />
            <YAxis
              type="number"
              dataKey="expected_value_12m"
              scale="sqrt"
              domain={[0, 'auto']}
              tickFormatter={formatMoneyCompact}
              width={72}
              {...CHART.axis}
            />
            <Tooltip {...CHART.tooltip} content={PointTooltip} />
            <Legend wrapperStyle={{ fontSize: 12, color: 'var(--text)' }} />
            {series.map(([segment, group]) => (
              <Scatter
                key={segment}
                name={segment}
                data={group}
                fill={segmentColor(segment)}
                fillOpacity={0.75}
                isAnimationActive={false}
                cursor="pointer"
                onClick={(entry) => onOpenClient((entry.payload as ClientPoint).id_client)}
              />
            ))}
            {ringed ? (
              <Scatter
                name="picked"
                data={[ringed]}
                legendType="none"
                isAnimationActive={false}
                shape={(props: { cx?: number; cy?: number }) => (
                  <circle
                    cx={props.cx}
                    cy={props.cy}
                    r={9}
                    fill="none"
                    stroke="var(--text)"
                    strokeWidth={2}
                    data-testid="picked-point"
                  />
                )}
              />
            ) : null}
          </ScatterChart>
        </div>
        <ChartPointPicker
          points={ordered}
          index={index}
          onMove={setPicked}
          onOpen={onOpenClient}
          onFocusChange={setPicking}
        />
      </div>
    </QueryChartFrame>
  )
})
