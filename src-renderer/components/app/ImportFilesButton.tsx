/**
 * "Import files…": opens the import page (choose the files, preview them, run), the same flow the
 * first-launch screen and the window's File menu open.
 */
import { IMPORT_PAGE_HASH } from '../../../src-preload/names-import.ts'

export function ImportFilesButton({ disabled = false }: { disabled?: boolean }) {
  return (
    <button
      type="button"
      className="button"
      onClick={() => {
        window.location.hash = IMPORT_PAGE_HASH
      }}
      disabled={disabled}
      title="Choose clients and achats files (CSV or Parquet), preview them, then run the pipeline on them"
    >
      Import files…
    </button>
  )
}
