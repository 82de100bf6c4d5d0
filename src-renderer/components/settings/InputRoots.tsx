/**
 * The folders a run started from a browser (`medallion serve`) may read, besides the data folder's
 * imports/ and sources/: MEDALLION_INPUT_ROOTS's, read-only, and the saved ones, which only the window
 * adds or removes (over HTTP the call is refused, so a web page cannot widen what it may read).
 */
import { useState } from 'react'
import type { SettingsView } from '../../../src-preload/contract-settings.ts'
import { ABSOLUTE_PATH, MAX_INPUT_ROOTS } from '../../../src-preload/values.ts'
import { useAppInfo } from '../../api/app-hooks.ts'
import { useSaveSettings } from '../../api/settings-hooks.ts'
import { ErrorNote } from '../ErrorNote.tsx'

/** Why a typed folder cannot be added yet, or undefined when it can. */
function problemWith(folder: string, saved: readonly string[]): string | undefined {
  if (folder === '') return undefined
  if (!ABSOLUTE_PATH.test(folder)) return 'Type an absolute path, such as /home/me/exports or C:\\exports.'
  if (saved.includes(folder)) return 'This folder is already in the list.'
  if (saved.length >= MAX_INPUT_ROOTS) return `At most ${MAX_INPUT_ROOTS} folders: remove one first.`
  return undefined
}

function FolderList({
  folders,
  onRemove,
}: {
  folders: readonly string[]
  onRemove?: (folder: string) => void
}) {
  return (
    <ul className="input-roots">
      {folders.map((folder) => (
        <li key={folder} data-testid="input-root">
          <code className="path">{folder}</code>
          {onRemove ? (
            <button type="button" className="button button-small" onClick={() => onRemove(folder)}>
              Remove
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

export function InputRoots({ view }: { view: SettingsView }) {
  const desktop = useAppInfo().data?.desktop === true
  const save = useSaveSettings()
  const [typed, setTyped] = useState('')
  const folder = typed.trim()
  const problem = problemWith(folder, view.inputRoots)
  const saveRoots = (roots: string[], after?: () => void) =>
    save.mutate({ inputRoots: roots.length > 0 ? roots : null }, { onSuccess: after })
  return (
    <section className="panel" data-testid="input-roots">
      <h2>Folders a browser may run on</h2>
      <p className="hint">
        In a browser (<code>medallion serve</code>) a pipeline run reads only the data folder's{' '}
        <code>imports/</code> and <code>sources/</code>, the folders of <code>MEDALLION_INPUT_ROOTS</code>,
        and the folders below, each with what is inside it; links that lead out of them are refused. The
        window itself runs on any folder you pick. Changes apply at once.
      </p>
      {view.inputRootsFromEnv.length > 0 ? (
        <>
          <p className="hint">
            From <code>MEDALLION_INPUT_ROOTS</code>:
          </p>
          <FolderList folders={view.inputRootsFromEnv} />
        </>
      ) : null}
      {view.inputRoots.length > 0 ? (
        <FolderList
          folders={view.inputRoots}
          onRemove={
            desktop && !save.isPending
              ? (removed) => saveRoots(view.inputRoots.filter((root) => root !== removed))
              : undefined
          }
        />
      ) : (
        <p className="muted">No folder saved.</p>
      )}
      {desktop ? (
        <form
          className="setting-input"
          onSubmit={(event) => {
            event.preventDefault()
            if (folder !== '' && !problem) saveRoots([...view.inputRoots, folder], () => setTyped(''))
          }}
        >
          <input
            className="input"
            aria-label="Folder to allow"
            data-testid="input-root-new"
            spellCheck={false}
            autoComplete="off"
            placeholder="/home/me/exports"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
          <button type="submit" className="button" disabled={folder === '' || !!problem || save.isPending}>
            Allow this folder
          </button>
        </form>
      ) : (
        <p className="hint" data-testid="input-roots-read-only">
          Only the desktop app changes this list (or <code>inputRoots</code> in{' '}
          <code className="path">{view.settingsFile}</code>): a page in a browser may not widen what it may
          read.
        </p>
      )}
      {problem ? <p className="hint setting-note">{problem}</p> : null}
      <ErrorNote error={save.error} />
    </section>
  )
}
