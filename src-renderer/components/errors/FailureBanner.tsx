/**
 * A banner for each run or publish that finally failed (the core's `work.failed`, after its retries) —
 * what a browser has instead of the window's desktop notification, so an unattended run that failed
 * (a watch, a schedule) is seen. Each is dismissed on its own; the whole log is in the Tasks drawer.
 */
import { useEffect, useState } from 'react'
import type { WorkFailure } from '../../../src-preload/contract.ts'
import { useClient } from '../../api/hooks.ts'
import { fmt } from '../../format/index.ts'

/** More would push the page down; the Tasks drawer lists every task. */
const MAX_SHOWN = 3

export function FailureBanner() {
  const client = useClient()
  const [failures, setFailures] = useState<WorkFailure[]>([])
  useEffect(
    () =>
      client.subscribe('work.failed', (failure) =>
        setFailures((shown) =>
          [failure, ...shown.filter((f) => f.taskId !== failure.taskId)].slice(0, MAX_SHOWN),
        ),
      ),
    [client],
  )
  if (failures.length === 0) return null
  return (
    <div className="failure-banners">
      {failures.map((failure) => (
        <section
          key={failure.taskId}
          className="banner"
          data-problem="unreachable"
          role="alert"
          data-testid="failure-banner"
        >
          <h2 className="banner-title">
            {failure.title} failed at {fmt.dateTime(failure.finishedAt)}
          </h2>
          <p>{failure.error}</p>
          <button
            type="button"
            className="button button-small"
            onClick={() => setFailures((shown) => shown.filter((f) => f.taskId !== failure.taskId))}
          >
            Dismiss
          </button>
        </section>
      ))}
    </div>
  )
}
