/**
 * How the insights charts look, from the app's CSS variables only, so the dark theme (and an export, which
 * resolves them) gets its own colours. Recharts passes these to SVG attributes, where `var()` works.
 * Other pages' charts import the named parts; the insights charts take them all as `CHART`.
 */
import type { CSSProperties } from 'react'

export const CHART_COLORS = {
  revenue: 'var(--chart-1)',
  secondary: 'var(--chart-2)',
  neutral: 'var(--idle)',
} as const

export const GRID_PROPS = { stroke: 'var(--chart-grid)', vertical: false } as const

export const AXIS_PROPS = {
  tick: { fontSize: 12, fill: 'var(--chart-axis)' },
  tickLine: false,
  axisLine: { stroke: 'var(--chart-grid)' },
} as const

export const TOOLTIP_PROPS = {
  contentStyle: {
    background: 'var(--chart-tooltip-bg)',
    border: '1px solid var(--border)',
    borderRadius: 6,
    color: 'var(--text)',
  } satisfies CSSProperties,
  labelStyle: { color: 'var(--text)', fontWeight: 600 } satisfies CSSProperties,
  itemStyle: { color: 'var(--text)' } satisfies CSSProperties,
  cursor: { fill: 'var(--chart-grid)', fillOpacity: 0.5 },
} as const

export const CHART_MARGIN = { top: 8, right: 16, bottom: 4, left: 8 } as const

/** Every chart fills its box; no animation, so figures show at once and screenshots are stable. */
export const CHART_STYLE: CSSProperties = { width: '100%', height: '100%' }

export const CHART = {
  colors: CHART_COLORS,
  grid: GRID_PROPS,
  axis: AXIS_PROPS,
  tooltip: TOOLTIP_PROPS,
  margin: CHART_MARGIN,
  style: CHART_STYLE,
} as const
