/**
 * Which finished tasks deserve a notice of their own (a desktop notification, a banner): a pipeline run or
 * a publish that failed — after its retries, since a task ends only then. Cancels are the user's own doing.
 */
import type { TaskInfo, WorkFailure } from '../../../src-preload/contract.ts'

const NOTIFIED_KINDS = new Set(['pipeline', 'publish'])

export function failureNotice(task: TaskInfo): WorkFailure | undefined {
  if (task.state !== 'failed' || !NOTIFIED_KINDS.has(task.kind)) return undefined
  return {
    taskId: task.id,
    kind: task.kind,
    title: task.title,
    error: task.error ?? 'failed',
    finishedAt: task.finishedAt ?? new Date().toISOString(),
  }
}
