/**
 * The "Export all as CSV" button of a browsed or served table: the whole sorted, filtered result, streamed by
 * the core. Given a `name`, the file is named like every export: what, its context (filters, run), when.
 */
import { useState } from 'react'
import type { BrowseSource } from '../../../src-preload/contract-browse.ts'
import { exportFileName } from '../../../src-preload/values.ts'
import { fmt } from '../../format/index.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { exportNameParts, useExportContext } from './export-context.tsx'
import { exportWholeTable, type WholeTableQuery } from './export-whole-table.ts'

export function WholeTableExport({
  source,
  query,
  rows,
  label = 'Export all as CSV',
  name,
}: {
  source: BrowseSource
  query?: WholeTableQuery
  /** What the table holds, the first part of the file's name (absent: the server names it after the table). */
  name?: string
  /** Rows the export would hold, when known (the button says so). */
  rows?: number
  label?: string
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const context = useExportContext()
  const run = async () => {
    setBusy(true)
    setError(null)
    setSaved(null)
    try {
      const fileName = name ? exportFileName(name, 'csv', new Date(), exportNameParts(context)) : undefined
      const outcome = await exportWholeTable(source, { ...query, ...(fileName ? { fileName } : {}) })
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
