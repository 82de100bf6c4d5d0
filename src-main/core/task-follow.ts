/**
 * A task that runs other tasks (Up runs a pipeline run and a publish): each child's progress is shown as
 * a slice of the parent's, and cancelling the parent cancels the child.
 */
import type { TaskInfo } from '../../src-preload/contract.ts'
import type { Task, TaskRegistry } from './tasks.ts'

export async function followChild<T>(
  tasks: TaskRegistry,
  parent: Task,
  child: { task: Task; done: Promise<T> },
  onProgress: (fraction: number, step: string) => void,
): Promise<T> {
  const onChanged = (info: TaskInfo) => {
    if (info.id === child.task.id) onProgress(info.progress, info.step || info.title)
  }
  const cancel = () => tasks.cancel(child.task.id)
  tasks.on('changed', onChanged)
  parent.signal.addEventListener('abort', cancel, { once: true })
  try {
    return await child.done
  } finally {
    tasks.off('changed', onChanged)
    parent.signal.removeEventListener('abort', cancel)
  }
}
