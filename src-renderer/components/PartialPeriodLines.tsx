/**
 * The two lines a chart of periods draws from `markPartialPeriods`' points: solid for whole periods, dashed
 * for a partial first or last one. Neither is in the tooltip: the chart's own line (transparent) carries it.
 */
import { Line } from 'recharts'

export interface LineLook {
  type: 'linear'
  stroke: string
  strokeWidth: number
}

export function partialPeriodLines(look: LineLook) {
  const common = {
    ...look,
    tooltipType: 'none',
    dot: false,
    activeDot: false,
    isAnimationActive: false,
  } as const
  return [
    <Line key="whole" dataKey="whole" {...common} />,
    <Line key="part" dataKey="part" {...common} strokeDasharray="5 4" />,
  ]
}
