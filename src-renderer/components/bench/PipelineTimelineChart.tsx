/**
 * Pipeline benchmarks over time: total seconds per engine and scale, on a log scale (the original's
 * size and 10M purchases differ a hundredfold), against the original's pandas and Spark runs.
 */
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import type { BenchReference, BenchResult, BenchScale } from '../../../src-preload/contract-bench.ts'
import { fmt } from '../../format/index.ts'
import { formatDateTime } from '../../pages/run-summary.ts'
import { AXIS_PROPS, CHART_MARGIN, CHART_STYLE, GRID_PROPS, TOOLTIP_PROPS } from '../chart-theme.ts'
import { ChartFrame } from '../export/ChartFrame.tsx'
import { BENCH_HISTORY_LABELS } from '../export/column-labels.ts'
import { REFERENCE_COLOR, SCALE_COLORS } from './bench-colors.ts'
import { formatSeconds } from './bench-format.ts'
import { pipelineTimeline } from './bench-series.ts'

export function PipelineTimelineChart({
  results,
  reference,
}: {
  results: readonly BenchResult[]
  reference: BenchReference
}) {
  const { rows, series } = pipelineTimeline(results)
  const columns = [
    { key: 'startedAt' as const, label: BENCH_HISTORY_LABELS.startedAt },
    ...series.map((key) => ({ key, label: `${key} (s)` })),
  ]
  return (
    <ChartFrame
      title="Pipeline runs over time"
      name="bench-pipeline-timeline"
      rows={rows}
      columns={columns}
      aside={<span className="muted">total seconds, log scale</span>}
    >
      {rows.length === 0 ? (
        <p className="muted bench-empty">No pipeline benchmark yet: run one above.</p>
      ) : (
        <LineChart responsive data={rows} margin={CHART_MARGIN} style={CHART_STYLE}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis dataKey="startedAt" tickFormatter={formatDateTime} minTickGap={48} {...AXIS_PROPS} />
          <YAxis
            scale="log"
            domain={['auto', 'auto']}
            tickFormatter={formatSeconds}
            width={64}
            {...AXIS_PROPS}
          />
          <Tooltip
            {...TOOLTIP_PROPS}
            labelFormatter={(label) => formatDateTime(String(label))}
            formatter={(value) => (typeof value === 'number' ? formatSeconds(value) : String(value))}
          />
          <Legend itemSorter={null} />
          {reference.pipeline.map((p) => (
            <ReferenceLine
              key={p.engine}
              y={p.totalS}
              ifOverflow="extendDomain"
              stroke={REFERENCE_COLOR}
              strokeDasharray="4 4"
              label={{
                value: `original ${p.engine} (${fmt.count(p.datasetSize)} rows)`,
                position: 'insideTopRight',
                fill: REFERENCE_COLOR,
                fontSize: 11,
              }}
            />
          ))}
          {series.map((key) => {
            const [engine, scale] = key.split(' ') as [string, BenchScale]
            return (
              <Line
                key={key}
                dataKey={key}
                name={key}
                stroke={SCALE_COLORS[scale]}
                strokeDasharray={engine === 'spark' ? '6 3' : undefined}
                strokeWidth={2}
                dot={{ r: 3 }}
                connectNulls
                isAnimationActive={false}
              />
            )
          })}
        </LineChart>
      )}
    </ChartFrame>
  )
}
