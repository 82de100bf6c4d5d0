/** The retention heat map with its scale and export (the rows as served: cohort, offset, counts, share). */
import type { Row } from '../../../../src-preload/contract.ts'
import { useRetention } from '../../../api/insights-hooks.ts'
import { labelledColumns } from '../../export/column-labels.ts'
import { TableExport } from '../../export/TableExport.tsx'
import { formatCountOf } from '../format.ts'
import { QueryBody } from '../QueryBody.tsx'
import { RetentionHeatmap } from './RetentionHeatmap.tsx'
import { retentionGrid } from './retention-grid.ts'

const COLUMNS = labelledColumns<Row>(['cohort', 'month_offset', 'active_clients', 'cohort_size', 'retention'])

export function RetentionPanel() {
  const retention = useRetention()
  const rows = retention.data?.rows ?? []
  const total = retention.data?.total ?? 0
  const grid = retentionGrid(rows)
  return (
    <section className="panel" data-testid="retention-panel">
      <div className="panel-head">
        <h2>Retention by cohort</h2>
        <div className="chart-frame-tools">
          <span className="heat-scale muted" aria-hidden="true">
            0 % <span className="heat-scale-bar" /> 100 %
          </span>
          <TableExport name="cohort-retention" rows={rows} columns={COLUMNS} />
        </div>
      </div>
      <p className="muted panel-note">
        Share of each cohort (clients by the month of their first purchase) who bought in each later month; M0
        is the first month itself. Cells are in % of the cohort; hover one for the counts.
      </p>
      {rows.length < total ? (
        <p className="note">
          Showing the first {formatCountOf(rows.length)} of {formatCountOf(total)} cohort months; export from
          the API (`/retention?offset=…`) for the rest.
        </p>
      ) : null}
      <QueryBody
        query={retention}
        empty={grid.cohorts.length === 0}
        emptyText="No retention table is served: run the pipeline again so gold builds cohort_retention."
      >
        <RetentionHeatmap grid={grid} />
      </QueryBody>
    </section>
  )
}
