/**
 * "Watch this folder" on the window's import (issue 17): saved once the run starts, the folder is watched
 * by the process that runs the schedules, and a run starts whenever its files change and then settle. Only
 * the user's own folder is offered (not a browser upload, nor a folder of links made for files from two
 * places). A watched run reads its files in the dialect detected then, so a dialect changed here by hand
 * cannot be watched.
 */
import type { SavedWatch } from '../../../src-preload/contract-watches.ts'
import { WATCH_SETTLE_SECONDS } from '../../../src-preload/names-watches.ts'
import { useWatches } from '../../api/watches-hooks.ts'
import { fmt } from '../../format/index.ts'
import { ErrorNote } from '../ErrorNote.tsx'

export function WatchFolderOption({
  folder,
  checked,
  onChange,
  dialectChosen,
  locked,
  saved,
  error,
}: {
  folder: string
  checked: boolean
  onChange: (watch: boolean) => void
  /** A dialect was set by hand in the preview. */
  dialectChosen: boolean
  /** The run has started: the choice is made. */
  locked: boolean
  saved: SavedWatch | undefined
  error: unknown
}) {
  const watches = useWatches()
  const existing = watches.data?.watches.find((watch) => watch.dir === folder)
  if (saved) {
    return (
      <output className="note" data-testid="watch-saved">
        Watching {saved.dir}: a run starts when its files change and stay unchanged for{' '}
        {fmt.seconds(saved.settleSeconds)}. The Pipeline page lists it under Watched folders.
      </output>
    )
  }
  if (existing) {
    return (
      <p className="hint" data-testid="watch-existing">
        This folder is watched already: the Pipeline page lists it under Watched folders.
      </p>
    )
  }
  return (
    <div className="import-watch" data-testid="watch-option">
      <label className="check">
        <input
          type="checkbox"
          checked={checked && !dialectChosen}
          disabled={locked || dialectChosen}
          onChange={(event) => onChange(event.target.checked)}
        />
        Watch this folder: run again when its files change (after {fmt.seconds(WATCH_SETTLE_SECONDS.default)}{' '}
        without a change)
      </label>
      {dialectChosen ? (
        <p className="hint">
          A watched folder's files are read in the dialect detected at each run: with a dialect chosen by hand
          it cannot be watched.
        </p>
      ) : null}
      <ErrorNote error={error} />
    </div>
  )
}
