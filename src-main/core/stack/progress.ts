/**
 * How stack operations report: the same shape as a task's progress (0..1 and a step label) and log, so the
 * task registry can pass `task.progress` and `task.log` straight in.
 */
export type ProgressCallback = (fraction: number, step: string) => void
export type LogCallback = (line: string) => void

/** Maps a sub-operation's 0..1 onto the [from, to] slice of its caller's progress. */
export function progressSlice(
  onProgress: ProgressCallback | undefined,
  from: number,
  to: number,
): ProgressCallback {
  return (fraction, step) => onProgress?.(from + (to - from) * Math.min(1, Math.max(0, fraction)), step)
}
