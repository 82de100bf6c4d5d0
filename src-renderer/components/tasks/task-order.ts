/** Which tasks the drawer lists, in what order: every running one, then the most recent finished ones. */
import type { TaskInfo } from '../../../src-preload/contract.ts'

/** Finished tasks kept in view; older ones stay in the core's history only. */
export const RECENT_FINISHED = 30

const newestFirst = (a: TaskInfo, b: TaskInfo) => b.startedAt.localeCompare(a.startedAt)

export function drawerTasks(tasks: readonly TaskInfo[]): { running: TaskInfo[]; recent: TaskInfo[] } {
  return {
    running: tasks.filter((t) => t.state === 'running').sort(newestFirst),
    recent: tasks
      .filter((t) => t.state !== 'running')
      .sort((a, b) => (b.finishedAt ?? b.startedAt).localeCompare(a.finishedAt ?? a.startedAt))
      .slice(0, RECENT_FINISHED),
  }
}

export function runningCount(tasks: readonly TaskInfo[] | undefined): number {
  return tasks?.filter((t) => t.state === 'running').length ?? 0
}
