/**
 * Seconds per layer (bronze, silver, gold stacked) of the latest run of each engine and scale, beside the
 * original's pandas run on the same 23,663 purchases. Its Spark run is named, not drawn: at 118 s it
 * would flatten every other bar.
 */
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'
import type { BenchReference, BenchResult } from '../../../src-preload/contract-bench.ts'
import { AXIS_PROPS, CHART_MARGIN, CHART_STYLE, GRID_PROPS, TOOLTIP_PROPS } from '../chart-theme.ts'
import { ChartFrame } from '../export/ChartFrame.tsx'
import { BENCH_LAYER_LABELS, catalogColumns } from '../export/column-labels.ts'
import { LAYER_COLORS } from './bench-colors.ts'
import { formatSeconds } from './bench-format.ts'
import { layerBars } from './bench-series.ts'

const COLUMNS = catalogColumns<ReturnType<typeof layerBars>[number]>(BENCH_LAYER_LABELS)

export function LayerBarsChart({
  results,
  reference,
}: {
  results: readonly BenchResult[]
  reference: BenchReference
}) {
  const rows = layerBars(results, reference)
  const spark = reference.pipeline.find((p) => p.engine === 'spark')
  return (
    <ChartFrame
      title="Seconds per layer"
      name="bench-pipeline-layers"
      rows={rows}
      columns={COLUMNS}
      aside={
        spark ? (
          <span className="muted">original Spark: {formatSeconds(spark.totalS)} (not drawn)</span>
        ) : null
      }
    >
      <BarChart responsive data={rows} margin={CHART_MARGIN} style={CHART_STYLE}>
        <CartesianGrid {...GRID_PROPS} />
        <XAxis dataKey="label" {...AXIS_PROPS} />
        <YAxis tickFormatter={formatSeconds} width={64} {...AXIS_PROPS} />
        <Tooltip
          {...TOOLTIP_PROPS}
          formatter={(value) => (typeof value === 'number' ? formatSeconds(value) : String(value))}
        />
        <Legend itemSorter={null} />
        {(['bronze', 'silver', 'gold'] as const).map((layer) => (
          <Bar
            key={layer}
            dataKey={layer}
            name={layer}
            stackId="layers"
            fill={LAYER_COLORS[layer]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ChartFrame>
  )
}
