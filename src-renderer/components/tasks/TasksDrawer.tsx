/**
 * The Tasks button of the top bar (with how many tasks run) and the drawer it opens, from any page: every
 * running task and the recent finished ones, each with its progress, step, log and Cancel. The list is
 * kept live by the task events (useTaskEvents in App). Escape or the close button shuts the drawer.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { TaskInfo } from '../../../src-preload/contract.ts'
import { useTasks } from '../../api/hooks.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { TaskCard } from './TaskCard.tsx'
import { drawerTasks, runningCount } from './task-order.ts'
import './tasks.css'

function TaskSection({ title, tasks }: { title: string; tasks: TaskInfo[] }) {
  if (tasks.length === 0) return null
  return (
    <section className="tasks-section" aria-label={title}>
      <h3>{title}</h3>
      <ul className="task-list">
        {tasks.map((task) => (
          <li key={task.id}>
            <TaskCard task={task} />
          </li>
        ))}
      </ul>
    </section>
  )
}

function TasksPanel({ onClose }: { onClose: () => void }) {
  const tasks = useTasks()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.focus()
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [onClose])
  const { running, recent } = drawerTasks(tasks.data ?? [])
  return (
    <aside id="tasks-drawer" className="tasks-drawer" aria-label="Tasks" data-testid="tasks-drawer">
      <header className="tasks-drawer-head">
        <h2 ref={heading} tabIndex={-1}>
          Tasks
        </h2>
        <button type="button" className="button button-small" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="tasks-drawer-body">
        {tasks.isPending ? <p className="muted">Loading…</p> : null}
        <ErrorNote error={tasks.error} />
        {tasks.data && running.length + recent.length === 0 ? (
          <p className="muted">
            No tasks yet. Runs, publishes and stack operations appear here as they start: run the pipeline
            from the <a href="#/pipeline">Pipeline</a> page or start the services from the{' '}
            <a href="#/stack">Stack</a> page.
          </p>
        ) : null}
        <TaskSection title="Running" tasks={running} />
        <TaskSection title="Recent" tasks={recent} />
      </div>
    </aside>
  )
}

export function TasksDrawer() {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const tasks = useTasks()
  const running = runningCount(tasks.data)
  const close = useCallback(() => {
    setOpen(false)
    // Keyboard users land back where they opened the drawer.
    button.current?.focus()
  }, [])
  return (
    <>
      <button
        ref={button}
        type="button"
        className="tasks-button"
        aria-expanded={open}
        aria-controls="tasks-drawer"
        onClick={() => setOpen((was) => !was)}
        data-testid="tasks-button"
        data-running={running}
      >
        Tasks
        {running > 0 ? (
          <span className="tasks-count">
            {running}
            <span className="visually-hidden"> running</span>
          </span>
        ) : null}
      </button>
      {open ? <TasksPanel onClose={close} /> : null}
    </>
  )
}
