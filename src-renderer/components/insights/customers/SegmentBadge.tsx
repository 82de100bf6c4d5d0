/** A segment's name with its colour dot, and what puts a client there on hover. */
import { segmentColor, segmentRule } from './segments.ts'

export function SegmentBadge({ segment }: { segment: string | null }) {
  if (!segment) return <span className="muted">—</span>
  return (
    <span className="segment-badge" title={segmentRule(segment)}>
      <span className="segment-dot" style={{ background: segmentColor(segment) }} aria-hidden="true" />
      {segment}
    </span>
  )
}
