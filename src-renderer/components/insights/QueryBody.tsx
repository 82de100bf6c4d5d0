/**
 * What a chart or table area shows for its query: a placeholder while it loads, the error with a way to try
 * again, a note saying what to do when there is nothing to show, else the content.
 */
import type { ReactNode } from 'react'
import { ErrorNote } from '../ErrorNote.tsx'

/** The part of a TanStack Query result this needs. */
export interface QueryState {
  isPending: boolean
  error: unknown
  refetch: () => unknown
  /** The previous answer, shown while the new one loads. */
  isPlaceholderData?: boolean
}

export function QueryBody({
  query,
  empty,
  emptyText,
  children,
}: {
  query: QueryState
  /** Loaded, but nothing to draw. */
  empty: boolean
  emptyText: ReactNode
  children: ReactNode
}) {
  if (query.error) {
    return (
      <div className="insights-state" data-state="error">
        <ErrorNote error={query.error} />
        <button type="button" className="button button-small" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    )
  }
  if (query.isPending)
    return <div className="chart-box-loading insights-loading" aria-busy="true" data-state="loading" />
  if (empty) {
    return (
      <p className="insights-state insights-empty" data-state="empty">
        {emptyText}
      </p>
    )
  }
  return (
    <div className="insights-body" aria-busy={query.isPlaceholderData || undefined}>
      {children}
    </div>
  )
}
