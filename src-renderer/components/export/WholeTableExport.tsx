/** The "Export all as CSV" button of a browsed table: the whole sorted, filtered result, streamed by the core. */
import { useState } from 'react'
import type { BrowseSource } from '../../../src-preload/contract-browse.ts'
import { fmt } from '../../format/index.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { exportWholeTable, type WholeTableQuery } from './export-whole-table.ts'

export function WholeTableExport({
  source,
  query,
  rows,
  label = 'Export all as CSV',
}: {
  source: BrowseSource
  query?: WholeTableQuery
  /** Rows the export would hold, when known (the button says so). */
  rows?: number
  label?: string
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const run = async () => {
    setBusy(true)
    setError(null)
    setSaved(null)
    try {
      const outcome = await exportWholeTable(source, query)
      if (outcome.saved && outcome.path) setSaved(`Saved ${outcome.rows ?? ''} rows to ${outcome.path}`)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <span className="whole-export">
      <button type="button" className="button" onClick={run} disabled={busy || rows === 0}>
        {busy ? 'Exporting…' : label}
        {rows !== undefined && rows > 0 ? ` (${fmt.count(rows)} rows)` : ''}
      </button>
      {saved ? <span className="hint">{saved}</span> : null}
      <ErrorNote error={error} />
    </span>
  )
}
