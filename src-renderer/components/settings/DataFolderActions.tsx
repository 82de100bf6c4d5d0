/**
 * The window's actions on the data folder: open it in the file manager, move it, or use another one. The
 * pickers and the confirmation are main's dialogs; a change restarts the app on the new folder.
 */
import { useChangeDataFolder, useOpenDataFolder } from '../../api/app-hooks.ts'
import { ErrorNote } from '../ErrorNote.tsx'

export function DataFolderActions({ dataDir }: { dataDir: string }) {
  const open = useOpenDataFolder()
  const change = useChangeDataFolder()
  const outcome = change.data
  const restarting = outcome?.chosen && outcome.restarting ? outcome.dataDir : null
  const busy = change.isPending || restarting !== null
  const notOpened =
    open.data && !open.data.opened ? new Error(`The file manager could not open ${dataDir}.`) : null
  const act = (what: () => void) => () => {
    open.reset()
    change.reset()
    what()
  }
  return (
    <div className="data-folder-actions" data-testid="data-folder-actions">
      <div className="data-folder-action">
        <button type="button" className="button" onClick={act(() => open.mutate())} disabled={busy}>
          Open folder
        </button>
        <span className="hint">Shows it in your file manager.</span>
      </div>
      <div className="data-folder-action">
        <button type="button" className="button" onClick={act(() => change.mutate('move'))} disabled={busy}>
          Move…
        </button>
        <span className="hint">
          Pick a new place: everything is copied there and checked, the old folder is removed, and Medallion
          restarts on the new one.
        </span>
      </div>
      <div className="data-folder-action">
        <button type="button" className="button" onClick={act(() => change.mutate('use'))} disabled={busy}>
          Use another folder…
        </button>
        <span className="hint">
          Medallion restarts on the folder you pick; this one stays as it is, to come back to later.
        </span>
      </div>
      <ErrorNote error={open.error ?? notOpened ?? change.error} />
      {restarting ? (
        <p className="note note-help" aria-live="polite" data-testid="data-folder-restarting">
          Restarting on <code>{restarting}</code>…
        </p>
      ) : null}
    </div>
  )
}
