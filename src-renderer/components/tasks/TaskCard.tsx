/**
 * One task: title, state, progress bar with its step, how long it ran, its error, a Cancel while it runs,
 * and its log lines behind a disclosure. Used by the Tasks drawer and by the pages that start tasks.
 */
import type { TaskInfo } from '../../../src-preload/contract.ts'
import { useCancelTask } from '../../api/hooks.ts'
import { durationMs, formatDateTime, formatDuration } from '../../pages/run-summary.ts'
import { TaskProgress } from '../app/TaskProgress.tsx'
import { ErrorNote } from '../ErrorNote.tsx'

export function TaskCard({ task }: { task: TaskInfo }) {
  const cancel = useCancelTask()
  const running = task.state === 'running'
  const cancelling = cancel.isPending && cancel.variables === task.id
  const ran = durationMs(task.startedAt, task.finishedAt)
  return (
    <article
      className={`task task-card task-${task.state}`}
      data-testid="task-card"
      data-task-id={task.id}
      data-kind={task.kind}
      data-state={task.state}
    >
      <div className="task-head">
        <span className="task-title">{task.title}</span>
        <span className={`badge badge-${task.state}`}>{task.state}</span>
        <span className="task-started" title={task.startedAt}>
          {formatDateTime(task.startedAt)}
          {ran === null ? '' : ` · ${formatDuration(ran)}`}
        </span>
        {running ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => cancel.mutate(task.id)}
            disabled={cancelling}
          >
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
      </div>
      <TaskProgress task={task} />
      {task.error && task.state === 'failed' ? (
        <p className="note note-error task-error">{task.error}</p>
      ) : null}
      <ErrorNote error={cancel.error} />
      {task.logs.length > 0 ? (
        <details className="task-log">
          <summary>
            Log ({task.logs.length} {task.logs.length === 1 ? 'line' : 'lines'})
          </summary>
          <pre>{task.logs.join('\n')}</pre>
        </details>
      ) : null}
    </article>
  )
}
