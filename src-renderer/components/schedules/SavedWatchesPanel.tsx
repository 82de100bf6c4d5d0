/**
 * The Pipeline page's Watched folders panel (issue 17), beside the Schedules: the saved watches (added with
 * "Watch this folder" on import, or `medallion watch add DIR`), each removed after a confirmation. They run
 * in the process that runs the schedules (the Schedules panel's line says which).
 */
import type { SavedWatch } from '../../../src-preload/contract-watches.ts'
import { useRemoveWatch, useWatches } from '../../api/watches-hooks.ts'
import { fmt } from '../../format/index.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { AutomationTable } from './AutomationTable.tsx'
import { ConfirmedRemove } from './ConfirmedRemove.tsx'

function WatchRow({ watch }: { watch: SavedWatch }) {
  const remove = useRemoveWatch()
  return (
    <tr data-testid="watch-row" data-watch-id={watch.id}>
      <td>{watch.dir}</td>
      <td className="nowrap">{fmt.dateTime(watch.createdAt)}</td>
      <td>{watch.engine}</td>
      <td>{watch.publish ? 'publish' : '—'}</td>
      <td className="nowrap">
        <ConfirmedRemove
          confirmLabel="Stop watching this folder"
          pending={remove.isPending}
          onConfirm={() => remove.mutate({ id: watch.id })}
        />
        <ErrorNote error={remove.error} />
      </td>
    </tr>
  )
}

export function SavedWatchesPanel() {
  const list = useWatches()
  return (
    <section className="panel" data-testid="saved-watches">
      <h2>Watched folders</h2>
      <p className="hint">
        A run starts when a watched folder's clients/achats files change and then settle. Add one with "Watch
        this folder" on import, or `medallion watch add DIR`.
      </p>
      <ErrorNote error={list.error} />
      {list.data && list.data.watches.length === 0 ? <p className="muted">No watched folders.</p> : null}
      {list.data && list.data.watches.length > 0 ? (
        <AutomationTable columns={['Folder', 'Added', 'Engine', 'Afterwards']}>
          {list.data.watches.map((watch) => (
            <WatchRow key={watch.id} watch={watch} />
          ))}
        </AutomationTable>
      ) : null}
    </section>
  )
}
