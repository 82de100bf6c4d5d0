/**
 * The import's run, once started: its progress here (and in the Tasks drawer), and when it ends — however
 * it ends — the run's detail page. The run's id is in the task's first log line (`run <id>: …`); should the
 * log have rolled over, it is the newest run on this folder.
 */
import { useEffect } from 'react'
import { runDetailHash } from '../../../src-preload/names-import.ts'
import { useClient, useTasks } from '../../api/hooks.ts'
import { TaskProgress } from '../app/TaskProgress.tsx'

const RUN_LINE = /^run (\S+): /

export function RunFollow({ taskId, inputDir }: { taskId: string; inputDir: string }) {
  const client = useClient()
  const tasks = useTasks()
  const task = tasks.data?.find((t) => t.id === taskId)
  const ended = task !== undefined && task.state !== 'running'
  useEffect(() => {
    if (!ended || !task) return
    let cancelled = false
    const fromLog = task.logs.map((line) => RUN_LINE.exec(line)?.[1]).find((id) => id !== undefined)
    const land = async () => {
      const runId =
        fromLog ??
        (await client.invoke('pipeline.runs', { limit: 20 })).find((run) => run.inputDir === inputDir)?.runId
      if (!cancelled && runId) window.location.hash = runDetailHash(runId)
    }
    void land()
    return () => {
      cancelled = true
    }
  }, [ended, task, client, inputDir])
  if (!task) return <p className="muted">Starting the run…</p>
  return (
    <div className="import-run" aria-live="polite">
      <p>
        {task.state === 'running'
          ? 'The pipeline is running on these files (follow it in the Tasks drawer too).'
          : `The run ${task.state}: opening its detail…`}
      </p>
      <TaskProgress task={task} />
    </div>
  )
}
