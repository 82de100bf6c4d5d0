/** The Schedules and Watched folders panels' table: one header per column, then a last one for the actions. */
import type { ReactNode } from 'react'

export function AutomationTable({ columns, children }: { columns: readonly string[]; children: ReactNode }) {
  return (
    <table className="runs">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column}>{column}</th>
          ))}
          <th />
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  )
}
