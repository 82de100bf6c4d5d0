/** The Export menu of a table: its rows as CSV (RFC 4180, numbers unformatted). */
import { type ExportColumn, toCsv } from './csv.ts'
import { ExportMenu } from './ExportMenu.tsx'
import { textBytes } from './save-file.ts'
import './export.css'

export function TableExport<T>({
  name,
  rows,
  columns,
  label,
}: {
  /** What the table holds, for file names: `<name>-<YYYYMMDD-HHmmss>.csv`. */
  name: string
  rows: readonly T[]
  columns: readonly ExportColumn<T>[]
  label?: string
}) {
  return (
    <ExportMenu
      name={name}
      {...(label ? { label } : {})}
      disabled={rows.length === 0}
      actions={[
        { format: 'csv', produce: () => ({ mime: 'text/csv', bytes: textBytes(toCsv(rows, columns)) }) },
      ]}
    />
  )
}
