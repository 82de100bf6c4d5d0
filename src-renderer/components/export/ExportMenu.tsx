/**
 * The "Export" menu of a chart or table: one button per format. Each action produces a file; the menu
 * saves it (save-file.ts) under a name that carries the export's context (filters, run), shows that it is
 * busy, and says what went wrong when it fails.
 */
import { useEffect, useRef, useState } from 'react'
import type { ExportMime } from '../../../src-preload/contract-files.ts'
import { exportFileName } from '../../../src-preload/values.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { exportNameParts, useExportContext } from './export-context.tsx'
import { saveFile } from './save-file.ts'

export interface ExportFile {
  mime: ExportMime
  bytes: Uint8Array
}

export interface ExportAction {
  /** The format, also the file's extension: png, svg, csv. */
  format: 'png' | 'svg' | 'csv'
  produce: () => Promise<ExportFile> | ExportFile
}

export function ExportMenu({
  name,
  actions,
  disabled = false,
  label = 'Export',
}: {
  /** What the file holds: the first part of its name. */
  name: string
  actions: readonly ExportAction[]
  disabled?: boolean
  /** The button's text ("Export page" beside a table's "Export all rows"). */
  label?: string
}) {
  const menu = useRef<HTMLDetailsElement>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const context = useExportContext()

  // A menu left open over the chart closes when the user clicks anywhere else.
  useEffect(() => {
    const closeOutside = (event: PointerEvent) => {
      const menuElement = menu.current
      if (menuElement?.open && !menuElement.contains(event.target as Node)) menuElement.open = false
    }
    document.addEventListener('pointerdown', closeOutside)
    return () => document.removeEventListener('pointerdown', closeOutside)
  }, [])

  const run = async (action: ExportAction) => {
    if (menu.current) menu.current.open = false
    setBusy(action.format)
    setError(null)
    try {
      const file = await action.produce()
      const fileName = exportFileName(name, action.format, new Date(), exportNameParts(context))
      await saveFile(fileName, file.mime, file.bytes)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="export">
      <details className="export-menu" ref={menu} data-testid={`export-${name}`}>
        <summary
          className={`button button-small${disabled ? ' export-disabled' : ''}`}
          aria-disabled={disabled || undefined}
        >
          {busy ? `Exporting ${busy.toUpperCase()}…` : label}
        </summary>
        {disabled ? null : (
          <div className="export-options" role="menu">
            {actions.map((action) => (
              <button
                key={action.format}
                type="button"
                role="menuitem"
                className="export-option"
                data-export={action.format}
                disabled={busy !== null}
                onClick={() => void run(action)}
              >
                {action.format.toUpperCase()}
              </button>
            ))}
          </div>
        )}
      </details>
      <ErrorNote error={error} />
    </div>
  )
}
