/** A task's progress bar, step and percentage, compact, for a page that follows the task it started. */
import type { TaskInfo } from '../../../src-preload/contract.ts'
import { percent } from '../../pages/run-summary.ts'

/** The step to show: the last one while it runs, 'done' once it succeeded (not the last step's name). */
function stepText(task: TaskInfo): string {
  if (task.state === 'succeeded') return 'done'
  return task.step || (task.state === 'running' ? 'starting…' : '')
}

export function TaskProgress({ task }: { task: TaskInfo }) {
  const pct = percent(task.progress)
  return (
    <div className={`task-progress task-${task.state}`} data-testid="task-progress" data-state={task.state}>
      <div
        className="progress"
        role="progressbar"
        aria-label={`${task.title} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <div className="task-meta">
        <span className="task-step">{stepText(task)}</span>
        <span className="task-percent">{pct}%</span>
      </div>
    </div>
  )
}
