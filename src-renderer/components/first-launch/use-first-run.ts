/**
 * The run the first-launch screen follows: the one its buttons started (the sample data, or a run on an
 * imported folder), else one already under way (started before a reload, from the File menu or the CLI),
 * so the buttons are never offered while a first run is in progress. Progress and end arrive through the
 * task events; a success ends the first launch (useTaskEvents refetches `app.info`).
 */
import { useEffect, useState } from 'react'
import type { TaskInfo } from '../../../src-preload/contract.ts'
import { SAMPLE_TASK_KIND } from '../../../src-preload/names-app.ts'
import { IMPORT_PAGE_HASH } from '../../../src-preload/names-import.ts'
import { useStartSample } from '../../api/app-hooks.ts'
import { useTasks } from '../../api/hooks.ts'

/** The newest running sample task, else the newest running pipeline run (the sample's own run is its child). */
function runUnderWay(tasks: TaskInfo[]): TaskInfo | undefined {
  const running = tasks.filter((t) => t.state === 'running')
  return running.find((t) => t.kind === SAMPLE_TASK_KIND) ?? running.find((t) => t.kind === 'pipeline')
}

/** The run lands on the Overview: the address says so, so a reload once it is done stays there. */
function pinOverviewAddress(): void {
  if (window.location.hash !== '#/overview') window.history.replaceState(null, '', '#/overview')
}

export function useFirstRun() {
  const sample = useStartSample()
  const tasks = useTasks()
  const [followedId, setFollowedId] = useState<string | null>(null)
  const list = tasks.data ?? []
  const underWay = runUnderWay(list)
  const underWayId = underWay?.id

  // A run found under way is followed to its end, so its failure stays on screen once it stops running.
  useEffect(() => {
    if (followedId === null && underWayId !== undefined) setFollowedId(underWayId)
  }, [followedId, underWayId])

  const followed = followedId === null ? undefined : list.find((t) => t.id === followedId)
  const task = followed ?? underWay
  // Started, but the task list has not caught up yet.
  const awaitingTask = followedId !== null && followed === undefined && !tasks.error
  const busy = sample.isPending || awaitingTask || task?.state === 'running'

  const startSample = () => {
    pinOverviewAddress()
    sample.mutate(undefined, { onSuccess: ({ taskId }) => setFollowedId(taskId) })
  }

  /** The import page: choose the files, preview them, run (it lands on the run's detail). */
  const startImport = () => {
    sample.reset()
    window.location.hash = IMPORT_PAGE_HASH
  }

  return {
    task,
    busy,
    awaitingTask,
    startSample,
    startImport,
    /** Starts again what the followed task did: the sample data, or choosing files to import. */
    retry: task?.kind === SAMPLE_TASK_KIND ? startSample : startImport,
    sample,
  }
}
