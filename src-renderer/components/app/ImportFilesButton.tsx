/**
 * "Import files…" beside "Run pipeline": the window's folder picker, then a run on that folder, which the
 * page's task list follows. What came of it (a folder, help in a browser, an error) is ImportOutcome's.
 */
import type { useImportFolder } from '../../api/app-hooks.ts'

export function ImportFilesButton({
  importFolder,
  disabled = false,
}: {
  importFolder: ReturnType<typeof useImportFolder>
  disabled?: boolean
}) {
  return (
    <button
      type="button"
      className="button"
      onClick={() => importFolder.mutate()}
      disabled={disabled || importFolder.isPending}
      title="Run the pipeline on a folder holding clients.csv and achats.csv (or .parquet)"
    >
      {importFolder.isPending ? 'Choosing a folder…' : 'Import files…'}
    </button>
  )
}
