/**
 * The first run as it goes, in place under the choices: starting, its progress and step, done (the
 * Overview replaces the screen as soon as `app.info` says so), or why it failed with a way to try again.
 */
import type { TaskInfo } from '../../../src-preload/contract.ts'
import { SAMPLE_TASK_KIND } from '../../../src-preload/names-app.ts'
import { TaskProgress } from '../app/TaskProgress.tsx'

function runningTitle(task: TaskInfo, folder: string | undefined): string {
  if (task.kind === SAMPLE_TASK_KIND) return 'Generating the sample data and running the pipeline…'
  return folder ? `Running the pipeline on ${folder}…` : 'Running the pipeline…'
}

export function FirstRunStatus({
  task,
  starting,
  folder,
  onRetry,
}: {
  task: TaskInfo | undefined
  starting: boolean
  /** The imported folder, when the run is an import this screen started. */
  folder?: string
  onRetry: () => void
}) {
  if (!task) {
    return starting ? (
      <section className="first-run" aria-live="polite" data-testid="first-run" data-state="starting">
        <h2 className="first-run-title">Starting…</h2>
      </section>
    ) : null
  }
  if (task.state === 'failed' || task.state === 'cancelled') {
    const what = task.kind === SAMPLE_TASK_KIND ? 'The sample data' : 'The run'
    return (
      <section className="first-run first-run-failed" data-testid="first-run" data-state={task.state}>
        <div role="alert">
          <h2 className="first-run-title">
            {task.state === 'failed' ? `${what} failed` : `${what} was cancelled`}
          </h2>
          {task.error ? <p className="first-run-error">{task.error}</p> : null}
        </div>
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </section>
    )
  }
  return (
    <section className="first-run" aria-live="polite" data-testid="first-run" data-state={task.state}>
      <h2 className="first-run-title">
        {task.state === 'succeeded' ? 'Done: opening the Overview…' : runningTitle(task, folder)}
      </h2>
      <TaskProgress task={task} />
    </section>
  )
}
