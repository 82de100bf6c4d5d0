/** Previous / next through a paged list, with the rows shown ("21–40 of 1,500"). */
import { formatCountOf } from './format.ts'

export function Pager({
  offset,
  limit,
  total,
  shown,
  onOffset,
  busy = false,
}: {
  offset: number
  limit: number
  total: number
  /** Rows on this page. */
  shown: number
  onOffset: (offset: number) => void
  busy?: boolean
}) {
  const first = total === 0 ? 0 : offset + 1
  return (
    <div className="pager">
      <span className="pager-range" aria-live="polite" data-testid="pager-range">
        {formatCountOf(first)}–{formatCountOf(offset + shown)} of {formatCountOf(total)}
      </span>
      <button
        type="button"
        className="button button-small"
        disabled={busy || offset === 0}
        onClick={() => onOffset(Math.max(0, offset - limit))}
      >
        Previous
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={busy || offset + limit >= total}
        onClick={() => onOffset(offset + limit)}
      >
        Next
      </button>
    </div>
  )
}
