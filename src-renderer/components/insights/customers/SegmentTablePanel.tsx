/** The segments side by side: clients, 12-month revenue, expected value, value at risk and medians. */
import { useSegments } from '../../../api/insights-hooks.ts'
import { formatKpi } from '../../../pages/overview-format.ts'
import { COLUMN_LABELS } from '../../export/column-labels.ts'
import { TableExport } from '../../export/TableExport.tsx'
import { formatCountOf, formatDecimal } from '../format.ts'
import { QueryBody } from '../QueryBody.tsx'
import { numberOf, textOf } from '../row-values.ts'
import { NO_SCORES_TEXT } from './empty-text.ts'
import { SegmentBadge } from './SegmentBadge.tsx'
import { SEGMENT_COLUMNS } from './SegmentValuePanel.tsx'

const money = (value: number | null) => formatKpi('money', value)

export function SegmentTablePanel() {
  const segments = useSegments()
  const rows = segments.data?.rows ?? []
  return (
    <section className="panel">
      <div className="panel-head">
        <h2>Segments</h2>
        <TableExport name="customers-segments" rows={rows} columns={SEGMENT_COLUMNS} />
      </div>
      <QueryBody query={segments} empty={rows.length === 0} emptyText={NO_SCORES_TEXT}>
        <div className="table-wrap">
          <table className="insights-table" data-testid="segment-table">
            <thead>
              <tr>
                <th scope="col">{COLUMN_LABELS.segment_label}</th>
                <th scope="col" className="num">
                  {COLUMN_LABELS.clients}
                </th>
                <th scope="col" className="num">
                  {COLUMN_LABELS.ca_12m}
                </th>
                <th scope="col" className="num">
                  {COLUMN_LABELS.expected_value_12m}
                </th>
                <th scope="col" className="num">
                  {COLUMN_LABELS.value_at_risk_12m}
                </th>
                <th scope="col" className="num" title="Median purchases in the last 12 months">
                  {COLUMN_LABELS.freq_med}
                </th>
                <th scope="col" className="num" title="Median days since the last purchase">
                  {COLUMN_LABELS.recency_med}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={String(row.segment_label)}>
                  <th scope="row">
                    <SegmentBadge segment={textOf(row, 'segment_label')} />
                  </th>
                  <td className="num">{formatCountOf(numberOf(row, 'clients'))}</td>
                  <td className="num">{money(numberOf(row, 'ca_12m'))}</td>
                  <td className="num">{money(numberOf(row, 'expected_value_12m'))}</td>
                  <td className="num">{money(numberOf(row, 'value_at_risk_12m'))}</td>
                  <td className="num">{formatDecimal(numberOf(row, 'freq_med'))}</td>
                  <td className="num">{formatDecimal(numberOf(row, 'recency_med'))} d</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryBody>
    </section>
  )
}
