/**
 * Choosing what to import. In the window: the system dialog (a folder, or the two files) or a drop, the
 * paths read by the preload and checked by main. In a browser: a file picker or a drop, then an upload with
 * its progress and a Cancel (a cancelled or failed upload leaves nothing on the server).
 */
import { type DragEvent, useRef, useState } from 'react'
import type { ChosenFiles } from '../../api/import-hooks.ts'
import { useImportChoose, useImportDropped } from '../../api/import-hooks.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { checkChosenFiles, discardImport, type UploadProgress, uploadFiles } from './upload-files.ts'

function DropZone({ onFiles, children }: { onFiles: (files: File[]) => void; children: React.ReactNode }) {
  const [over, setOver] = useState(false)
  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setOver(false)
    onFiles([...event.dataTransfer.files])
  }
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target; from the keyboard, the buttons and the file input inside do the same
    <div
      className={over ? 'import-drop import-drop-over' : 'import-drop'}
      data-testid="import-drop"
      onDragOver={(event) => {
        event.preventDefault()
        setOver(true)
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {children}
    </div>
  )
}

/** A folder main chose: the user's own can be watched; one of links under imports/ cannot. */
function chosenFolder({ inputDir, linked }: { inputDir: string; linked: boolean }): ChosenFiles {
  return linked ? { source: { inputDir } } : { source: { inputDir }, ownFolder: inputDir }
}

function WindowChooser({ onChosen }: { onChosen: (chosen: ChosenFiles) => void }) {
  const choose = useImportChoose()
  const dropped = useImportDropped()
  const pick = (what: 'folder' | 'files') =>
    choose.mutate(what, {
      onSuccess: (choice) => (choice.chosen ? onChosen(chosenFolder(choice)) : undefined),
    })
  const onFiles = (files: File[]) => {
    const paths = window.medallionFiles?.pathsOf(files) ?? []
    dropped.mutate(paths, { onSuccess: (folder) => onChosen(chosenFolder(folder)) })
  }
  return (
    <DropZone onFiles={onFiles}>
      <p>Drop a folder, or clients and achats files, here — or choose them:</p>
      <div className="import-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => pick('folder')}
          disabled={choose.isPending}
        >
          Choose a folder…
        </button>
        <button type="button" className="button" onClick={() => pick('files')} disabled={choose.isPending}>
          Choose the two files…
        </button>
      </div>
      <p className="hint">The files are read where they are: nothing is copied.</p>
      <ErrorNote error={choose.error ?? dropped.error} />
    </DropZone>
  )
}

function BrowserChooser({ onChosen }: { onChosen: (chosen: ChosenFiles) => void }) {
  const [problem, setProblem] = useState<string | null>(null)
  const [progress, setProgress] = useState<UploadProgress | null>(null)
  const abort = useRef<AbortController | null>(null)
  const start = async (chosen: File[]) => {
    const files = checkChosenFiles(chosen)
    if (typeof files === 'string') return setProblem(files)
    setProblem(null)
    const controller = new AbortController()
    abort.current = controller
    setProgress({ sent: 0, total: files.reduce((sum, f) => sum + f.size, 0), file: files[0]?.name ?? '' })
    let importId: string | undefined
    try {
      importId = await uploadFiles(files, controller.signal, setProgress, (id) => {
        importId = id
      })
      onChosen({ source: { importId } })
    } catch (err) {
      // Nothing stays behind: the server removed the partial file, and here the import with what came before.
      if (importId) await discardImport(importId)
      setProblem(
        controller.signal.aborted ? 'The upload was cancelled: nothing was kept.' : (err as Error).message,
      )
    } finally {
      setProgress(null)
      abort.current = null
    }
  }
  const pct = progress && progress.total > 0 ? Math.round((100 * progress.sent) / progress.total) : 0
  return (
    <DropZone onFiles={(files) => void start(files)}>
      <p>Drop clients and achats files (.csv or .parquet) here, or choose them:</p>
      <label className="field">
        <span>Files to upload</span>
        <input
          type="file"
          multiple
          accept=".csv,.parquet"
          aria-label="Choose clients and achats files"
          disabled={progress !== null}
          onChange={(event) => void start([...(event.target.files ?? [])])}
        />
      </label>
      {progress ? (
        <div className="import-upload" data-testid="upload-progress">
          <div
            className="progress"
            role="progressbar"
            aria-label="Upload progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
          >
            <div className="progress-fill" style={{ width: `${pct}%` }} />
          </div>
          <span className="muted">
            Uploading {progress.file}: {pct}%
          </span>
          <button type="button" className="button" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        </div>
      ) : null}
      <p className="hint">The files are uploaded into the data folder's imports/ folder on the server.</p>
      {problem ? (
        <p className="note note-error" role="alert">
          {problem}
        </p>
      ) : null}
    </DropZone>
  )
}

export function ImportChooser({
  desktop,
  onChosen,
}: {
  desktop: boolean
  onChosen: (chosen: ChosenFiles) => void
}) {
  return (
    <section className="panel">
      <h2>Choose the files</h2>
      <p>
        Medallion needs <code>clients.csv</code> and <code>achats.csv</code> (or <code>.parquet</code>). Files
        saved by a spreadsheet are read as they are: the separator, encoding, decimal mark and date format are
        detected, and you can change them in the preview.
      </p>
      {desktop ? <WindowChooser onChosen={onChosen} /> : <BrowserChooser onChosen={onChosen} />}
    </section>
  )
}
