/** A titled panel holding one table, its CSV export beside the title (and whatever else goes there). */
import type { ReactNode } from 'react'
import type { ExportColumn } from '../export/csv.ts'
import { TableExport } from '../export/TableExport.tsx'

export interface TablePanelProps<T> {
  title: ReactNode
  /** The export's file name. */
  name: string
  /** What the CSV holds. */
  rows: readonly T[]
  columns: readonly ExportColumn<T>[]
  /** Beside the export: a link, a note. */
  aside?: ReactNode
  /** Above the table: what it shows. */
  intro?: ReactNode
  /** Shown instead of the table when there is no row. */
  empty?: ReactNode
  testId?: string
  /** The header row's cells. */
  head: ReactNode
  /** The body's rows. */
  children: ReactNode
}

export function TablePanel<T>({
  title,
  name,
  rows,
  columns,
  aside,
  intro,
  empty,
  testId,
  head,
  children,
}: TablePanelProps<T>) {
  return (
    <section className="panel" data-testid={testId}>
      <div className="panel-head">
        <h2>{title}</h2>
        <div className="ml-head-tools">
          <TableExport name={name} rows={rows} columns={columns} />
          {aside}
        </div>
      </div>
      {intro}
      {rows.length === 0 && empty ? (
        empty
      ) : (
        <div className="table-wrap">
          <table className="runs">
            <thead>
              <tr>{head}</tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </div>
      )}
    </section>
  )
}
