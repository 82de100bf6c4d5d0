/**
 * A titled panel around a recharts chart, with a fixed-height chart area (the chart, `responsive` at
 * 100 %, sizes itself to it) and an Export menu: PNG at 2× and SVG (both with the title and the legend),
 * and CSV of the rows the chart shows, numbers unformatted. The exported title and file names carry the
 * export's context (the active filters and the run, `ExportScope`).
 */
import { type ReactNode, useRef } from 'react'
import { chartPng } from './chart-png.ts'
import { composeChartSvg } from './chart-svg.ts'
import { type ExportColumn, toCsv } from './csv.ts'
import { ExportMenu } from './ExportMenu.tsx'
import { exportTitle, useExportContext } from './export-context.tsx'
import { textBytes } from './save-file.ts'
import './export.css'

export interface ChartFrameProps<T> {
  title: string
  /** What the chart shows, for file names: `<name>-<filters>-<run>-<YYYYMMDD-HHmmss>.<ext>`. */
  name: string
  /** The data behind the chart, as the CSV export writes it. */
  rows: readonly T[]
  columns: readonly ExportColumn<T>[]
  /** Height of the chart area in pixels. */
  height?: number
  /** Beside the title: a period, a count, a control. */
  aside?: ReactNode
  children: ReactNode
}

export function ChartFrame<T>({
  title,
  name,
  rows,
  columns,
  height = 320,
  aside,
  children,
}: ChartFrameProps<T>) {
  const frame = useRef<HTMLElement>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const area = useRef<HTMLDivElement>(null)
  const context = useExportContext()

  const compose = () => {
    if (!frame.current || !heading.current || !area.current) {
      throw new Error('the chart is not on screen: open its page, then export again')
    }
    const background = getComputedStyle(frame.current).backgroundColor
    return composeChartSvg(area.current, heading.current, background, exportTitle(title, context))
  }

  return (
    <section className="panel chart-frame" ref={frame} data-chart={name}>
      <div className="panel-head">
        <h2 ref={heading}>{title}</h2>
        <div className="chart-frame-tools">
          {aside}
          <ExportMenu
            name={name}
            disabled={rows.length === 0}
            actions={[
              {
                format: 'png',
                produce: async () => ({ mime: 'image/png', bytes: await chartPng(compose()) }),
              },
              { format: 'svg', produce: () => ({ mime: 'image/svg+xml', bytes: textBytes(compose().svg) }) },
              {
                format: 'csv',
                produce: () => ({ mime: 'text/csv', bytes: textBytes(toCsv(rows, columns)) }),
              },
            ]}
          />
        </div>
      </div>
      <div className="chart-frame-area" ref={area} style={{ height }}>
        {children}
      </div>
    </section>
  )
}
