/**
 * Retention as an accessible heat map: a table, one row per first-purchase month, one column per month
 * after it; each cell the share of the cohort who bought that month, shaded by it (the figure is the text,
 * in points so every month fits the page's width). No scroll box of its own: the page scrolls, and the
 * month headers and cohort labels stay in view (sticky).
 */
import type { CSSProperties } from 'react'
import { fmt } from '../../../format/index.ts'
import { formatMonth } from '../../../pages/overview-format.ts'
import { formatCountOf, formatShare } from '../format.ts'
import type { RetentionCell, RetentionGrid } from './retention-grid.ts'

/** Above this share the shade is dark enough to need the light text colour. */
const STRONG_SHADE = 0.55

function cellStyle(retention: number): CSSProperties {
  const percent = Math.round(Math.min(1, Math.max(0, retention)) * 100)
  return { background: `color-mix(in srgb, var(--heat-high) ${percent}%, var(--panel))` }
}

function HeatCell({ cell, what }: { cell: RetentionCell | null; what: string }) {
  if (!cell) return <td className="heat-cell heat-none" aria-label="not reached yet" />
  const detail = `${what}: ${formatCountOf(cell.active)} of ${formatCountOf(cell.size)} clients bought (${formatShare(cell.retention)})`
  return (
    <td
      className={`heat-cell${cell.retention > STRONG_SHADE ? ' heat-strong' : ''}`}
      style={cellStyle(cell.retention)}
      title={detail}
      data-retention={cell.retention}
    >
      {fmt.percentPoints(cell.retention)}
    </td>
  )
}

export function RetentionHeatmap({ grid }: { grid: RetentionGrid }) {
  return (
    <div className="heatmap-wrap">
      <table className="heatmap" data-testid="retention-heatmap">
        <caption className="visually-hidden">
          Share of each first-purchase cohort who bought again, in percent, by month after their first
          purchase
        </caption>
        <colgroup>
          <col className="heat-label-col" />
          <col className="heat-size-col" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className="heat-row-label">
              Cohort
            </th>
            <th scope="col" className="num">
              Clients
            </th>
            {grid.offsets.map((offset) => (
              <th key={offset} scope="col" className="num" title={`Month ${offset} after the first purchase`}>
                M{offset}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.cohorts.map(({ cohort, size, cells }) => (
            <tr key={cohort} data-cohort={cohort}>
              <th scope="row" className="heat-row-label">
                {formatMonth(cohort)}
              </th>
              <td className="num">{formatCountOf(size)}</td>
              {cells.map((cell, offset) => (
                <HeatCell
                  key={grid.offsets[offset]}
                  cell={cell}
                  what={`${formatMonth(cohort)}, month ${offset}`}
                />
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-cohort="all">
            <th scope="row" className="heat-row-label">
              All cohorts
            </th>
            <td className="num">{formatCountOf(grid.overall[0]?.size ?? 0)}</td>
            {grid.overall.map((cell, offset) => (
              <HeatCell key={grid.offsets[offset]} cell={cell} what={`All cohorts, month ${offset}`} />
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  )
}
