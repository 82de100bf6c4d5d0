/**
 * Up, Down and Reset, and the stack task under way (or the last one) with its progress. Up and Reset
 * open dialogs; Down stops and removes the containers and keeps the volumes, so it needs none.
 */
import { useState } from 'react'
import type { StackStatus } from '../../../src-preload/contract.ts'
import { useTasks } from '../../api/hooks.ts'
import { useStackDown } from '../../api/stack-hooks.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { TaskCard } from '../tasks/TaskCard.tsx'
import { ResetDialog } from './ResetDialog.tsx'
import { UpDialog } from './UpDialog.tsx'

type OpenDialog = 'up' | 'reset' | null

export function StackActions({ status }: { status: StackStatus }) {
  const [dialog, setDialog] = useState<OpenDialog>(null)
  const down = useStackDown()
  const tasks = useTasks()
  // The task list is newest first: the first stack task is the one to show.
  const latest = tasks.data?.find((t) => t.kind === 'stack')
  const busy = latest?.state === 'running'
  const noEngine = status.engine === undefined
  const anyContainer = status.services.some((s) => s.state !== 'missing')
  const close = () => setDialog(null)
  return (
    <section className="panel">
      <div className="stack-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || noEngine}
          onClick={() => setDialog('up')}
        >
          Up
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || noEngine || !anyContainer}
          onClick={() => down.mutate()}
          title="Stops and removes the containers; the volumes are kept"
        >
          {down.isPending ? 'Stopping…' : 'Down'}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => setDialog('reset')}>
          Reset…
        </button>
        <p className="hint">
          {status.active
            ? 'This data folder is on the stack: the lake is on MinIO and gold is served from MongoDB. Down brings it back to the embedded store.'
            : 'This data folder uses the embedded store (a local lake served from Parquet). Up moves it to the stack.'}
        </p>
      </div>
      <ErrorNote error={down.error} />
      {latest ? (
        <div className="stack-task">
          <TaskCard task={latest} />
        </div>
      ) : null}
      {dialog === 'up' ? <UpDialog onClose={close} /> : null}
      {dialog === 'reset' ? <ResetDialog onClose={close} /> : null}
    </section>
  )
}
