/**
 * The window's desktop notification when a run or a publish finally fails (after its retries), with no
 * Electron import: main hands it Electron's `Notification`, tests their own `show`. Clicking it brings the
 * window forward.
 */
import type { CoreEvents } from './core/core-events.ts'
import { foreignExcerpt } from './core/redact.ts'

export interface FailureNotification {
  title: string
  body: string
  onClick: () => void
}

/** Shows a notification for each `work.failed`; returns the stop. */
export function notifyFailures(
  events: Pick<CoreEvents, 'on'>,
  show: (notification: FailureNotification) => void,
  focus: () => void,
): () => void {
  return events.on('work.failed', (failure) =>
    show({
      title: `Medallion: ${failure.title} failed`,
      // Notification centres cut long bodies anyway; the whole error is in the Tasks drawer.
      body: foreignExcerpt(failure.error, [], 200),
      onClick: focus,
    }),
  )
}
