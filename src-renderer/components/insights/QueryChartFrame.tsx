/**
 * A chart fed by one query: the export frame (title, export menu, fixed height) around the query's states,
 * and the chart in a box whose `data-*` marks (e.g. points drawn) let a test compare it with the API.
 */
import type { ReactNode } from 'react'
import { ChartFrame, type ChartFrameProps } from '../export/ChartFrame.tsx'
import { QueryBody, type QueryState } from './QueryBody.tsx'

export interface QueryChartFrameProps<T> extends ChartFrameProps<T> {
  query: QueryState
  /** Loaded, but nothing to draw. */
  empty: boolean
  emptyText: ReactNode
  testId: string
  /** Written as `data-<name>` on the chart's box. */
  marks?: Record<string, string | number | undefined>
}

export function QueryChartFrame<T>({
  query,
  empty,
  emptyText,
  testId,
  marks = {},
  children,
  ...frame
}: QueryChartFrameProps<T>) {
  const attributes = Object.fromEntries(Object.entries(marks).map(([name, value]) => [`data-${name}`, value]))
  return (
    <ChartFrame {...frame}>
      <QueryBody query={query} empty={empty} emptyText={emptyText}>
        <div className="chart-fill" data-testid={testId} {...attributes}>
          {children}
        </div>
      </QueryBody>
    </ChartFrame>
  )
}
