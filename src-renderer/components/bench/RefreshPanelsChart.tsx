/**
 * One dashboard refresh per panel (p50, log scale): from the lake's Parquet, MongoDB and the read API,
 * beside the original's recorded Parquet and API refreshes. Below: the whole refresh per source.
 */
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'
import type { BenchReference, RefreshBenchResult } from '../../../src-preload/contract-bench.ts'
import { formatDateTime } from '../../pages/run-summary.ts'
import { AXIS_PROPS, CHART_MARGIN, CHART_STYLE, GRID_PROPS, TOOLTIP_PROPS } from '../chart-theme.ts'
import { ChartFrame } from '../export/ChartFrame.tsx'
import { BENCH_REFRESH_TOTAL_LABELS, catalogColumns } from '../export/column-labels.ts'
import { TableExport } from '../export/TableExport.tsx'
import { REFRESH_COLORS } from './bench-colors.ts'
import { formatMs } from './bench-format.ts'
import { REFRESH_SERIES, refreshPanels, refreshTotals } from './bench-series.ts'

/** The log axis starts here: answers from memory take microseconds, and log(0) has no place. */
const AXIS_FLOOR_MS = 0.0001

const TOTAL_COLUMNS = catalogColumns<ReturnType<typeof refreshTotals>[number]>(BENCH_REFRESH_TOTAL_LABELS)

export function RefreshPanelsChart({
  result,
  reference,
}: {
  result: RefreshBenchResult
  reference: BenchReference
}) {
  const rows = refreshPanels(result, reference)
  const measured = new Set<string>(result.sources.map((s) => s.source))
  const series = REFRESH_SERIES.filter((s) => measured.has(s) || s.startsWith('original'))
  const columns = [
    { key: 'panel' as const, label: 'Panel' },
    ...series.map((key) => ({ key, label: `${key} p50 (ms)` })),
  ]
  const totals = refreshTotals(result, reference)
  return (
    <>
      <ChartFrame
        title="Dashboard refresh per panel"
        name="bench-refresh-panels"
        rows={rows}
        columns={columns}
        aside={
          <span className="muted">
            p50, log scale · {formatDateTime(result.startedAt)} · {result.datasetSize} purchases
          </span>
        }
      >
        <BarChart responsive data={rows} margin={CHART_MARGIN} style={CHART_STYLE}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis dataKey="panel" {...AXIS_PROPS} />
          <YAxis
            scale="log"
            domain={[AXIS_FLOOR_MS, 'auto']}
            allowDataOverflow
            tickFormatter={(ms: number) => formatMs(ms)}
            width={80}
            {...AXIS_PROPS}
          />
          <Tooltip
            {...TOOLTIP_PROPS}
            formatter={(value) => (typeof value === 'number' ? formatMs(value) : String(value))}
          />
          <Legend itemSorter={null} />
          {series.map((key) => (
            <Bar key={key} dataKey={key} name={key} fill={REFRESH_COLORS[key]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ChartFrame>
      <section className="panel" data-testid="refresh-totals">
        <div className="panel-head">
          <h2>Whole refresh per source</h2>
          <TableExport name="bench-refresh-totals" rows={totals} columns={TOTAL_COLUMNS} />
        </div>
        <div className="table-wrap">
          <table className="runs">
            <thead>
              <tr>
                <th>source</th>
                <th className="num">p50</th>
                <th className="num">p99</th>
                <th className="num">mean</th>
                <th className="num">first refresh</th>
                <th>what answered</th>
              </tr>
            </thead>
            <tbody>
              {totals.map((row) => (
                <tr key={row.source}>
                  <td>{row.source}</td>
                  <td className="num">{formatMs(row.p50Ms)}</td>
                  <td className="num">{formatMs(row.p99Ms)}</td>
                  <td className="num">{formatMs(row.meanMs)}</td>
                  <td className="num">{formatMs(row.firstMs)}</td>
                  <td className="muted">{row.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {result.skipped.map((s) => (
          <p key={s.source} className="hint">
            {s.source}: not measured: {s.reason}
          </p>
        ))}
      </section>
    </>
  )
}
