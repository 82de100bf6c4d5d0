/**
 * What "Import files…" led to: the folder whose run has started, or, in a browser (no folder picker), how
 * to import from a terminal; other refusals as errors. A closed picker leaves nothing to say.
 */
import { isUnavailable, type useImportFolder } from '../../api/app-hooks.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { UnavailableNote } from './UnavailableNote.tsx'

export function ImportOutcome({ importFolder }: { importFolder: ReturnType<typeof useImportFolder> }) {
  const { data, error } = importFolder
  if (isUnavailable(error)) return <UnavailableNote title="Import from a terminal" error={error} />
  if (error) return <ErrorNote error={error} />
  if (data?.chosen) {
    return (
      <p className="hint import-started">
        Importing <code className="path">{data.folder}</code>: the run is in the tasks below.
      </p>
    )
  }
  return null
}
