/**
 * A ranked list of clients from the scores (sortable by any column, filtered by segment, paged through
 * `data.table` offset/limit). A client's id opens their detail; their name and country sit beside it. The
 * page exports as CSV; "Export all rows" streams every client of the same order and segment from the served
 * run's gold `client_scores`, with the table's columns and headers.
 */
import { type ReactNode, useState } from 'react'
import type { Row } from '../../../../src-preload/contract.ts'
import type { ClientName } from '../../../../src-preload/contract-insights.ts'
import { useClientIdentities, useSegments, useServedTable } from '../../../api/insights-hooks.ts'
import type { ExportColumn } from '../../export/csv.ts'
import { ExportScope, useExportContext } from '../../export/export-context.tsx'
import { TableExport } from '../../export/TableExport.tsx'
import { WholeTableExport } from '../../export/WholeTableExport.tsx'
import { ClientIdentity } from '../ClientIdentity.tsx'
import { Pager } from '../Pager.tsx'
import { QueryBody } from '../QueryBody.tsx'
import { numberOf, textOf } from '../row-values.ts'
import { SortHeader, type SortState } from '../SortHeader.tsx'
import { SegmentBadge } from './SegmentBadge.tsx'
import { formatScore, type ScoreColumn, type ScoreField } from './score-columns.ts'

/** Rows per page, as the original's top-20 lists. */
const PAGE_SIZE = 20

function ScoreCells({
  row,
  columns,
  identity,
  onOpenClient,
}: {
  row: Row
  columns: ScoreColumn[]
  /** The client's name and country, once known. */
  identity: ClientName | undefined
  onOpenClient: (id: number) => void
}) {
  const id = numberOf(row, 'id_client')
  return columns.map(({ field }) => {
    if (field === 'id_client') {
      return (
        <th key={field} scope="row">
          {id === null ? (
            '—'
          ) : (
            <button
              type="button"
              className="link-button"
              onClick={() => onOpenClient(id)}
              title="Open this client"
            >
              #{id}
            </button>
          )}
          <ClientIdentity identity={identity} />
        </th>
      )
    }
    if (field === 'segment_label') {
      return (
        <td key={field}>
          <SegmentBadge segment={textOf(row, field)} />
        </td>
      )
    }
    return (
      <td key={field} className="num" data-field={field} data-value={String(row[field] ?? '')}>
        {formatScore(row, field)}
      </td>
    )
  })
}

export function ScoresTablePanel({
  title,
  info,
  name,
  columns,
  rankBy,
  onOpenClient,
}: {
  title: string
  /** Beside the title: how the list is ranked. */
  info?: ReactNode
  /** The export's file name and the table's test id. */
  name: string
  columns: ScoreColumn[]
  /** The field ranked largest first until the user sorts otherwise. */
  rankBy: ScoreField
  onOpenClient: (id: number) => void
}) {
  const [segment, setSegment] = useState('')
  const [sort, setSort] = useState<SortState<ScoreField>>({ field: rankBy, dir: 'desc' })
  const [offset, setOffset] = useState(0)
  const segments = useSegments()
  const page = useServedTable(
    {
      route: 'scores',
      sort: `${sort.field}:${sort.dir}`,
      offset,
      limit: PAGE_SIZE,
      ...(segment ? { filters: { segment_label: segment } } : {}),
    },
    { keepPrevious: true },
  )
  const rows = page.data?.rows ?? []
  const identities = useClientIdentities(rows.flatMap((row) => numberOf(row, 'id_client') ?? []))
  const exportColumns: ExportColumn<Row>[] = columns.map(({ field, label }) => ({ key: field, label }))
  const { run } = useExportContext()
  // A new order or segment starts again from the first page.
  const resort = (next: SortState<ScoreField>) => {
    setSort(next)
    setOffset(0)
  }
  return (
    <section className="panel" data-testid={name}>
      <div className="panel-head">
        <h2 className="title-with-tip">
          {title}
          {info}
        </h2>
        <div className="chart-frame-tools">
          <label className="field field-inline">
            <span>Segment</span>
            <select
              value={segment}
              data-testid={`${name}-segment`}
              onChange={(e) => {
                setSegment(e.target.value)
                setOffset(0)
              }}
            >
              <option value="">All segments</option>
              {(segments.data?.rows ?? []).map((row) => {
                const label = textOf(row, 'segment_label') ?? ''
                return (
                  <option key={label} value={label}>
                    {label}
                  </option>
                )
              })}
            </select>
          </label>
          <ExportScope filters={[segment]}>
            <TableExport name={name} rows={rows} columns={exportColumns} label="Export page" />
            <WholeTableExport
              source={{ ...(run ? { run } : {}), layer: 'gold', table: 'client_scores' }}
              query={{
                sort: { column: sort.field, desc: sort.dir === 'desc' },
                filters: segment ? [{ column: 'segment_label', op: 'eq', value: segment }] : [],
                columns: columns.map(({ field, label }) => ({ column: field, label })),
              }}
              rows={page.data?.total}
              label="Export all rows"
              name={name}
            />
          </ExportScope>
        </div>
      </div>
      <QueryBody
        query={page}
        empty={rows.length === 0}
        emptyText={
          segment
            ? `No client in ${segment}: choose another segment.`
            : 'No client is scored yet: run the pipeline.'
        }
      >
        <div className="table-wrap">
          <table className="insights-table">
            <thead>
              <tr>
                {columns.map((column) => (
                  <SortHeader
                    key={column.field}
                    field={column.field}
                    label={column.label}
                    sort={sort}
                    firstDir={column.numeric ? 'desc' : 'asc'}
                    onSort={resort}
                    numeric={column.numeric}
                  />
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={String(row.id_client)} data-client={String(row.id_client)}>
                  <ScoreCells
                    row={row}
                    columns={columns}
                    identity={identities.get(Number(row.id_client))}
                    onOpenClient={onOpenClient}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager
          offset={offset}
          limit={PAGE_SIZE}
          total={page.data?.total ?? 0}
          shown={rows.length}
          onOffset={setOffset}
          busy={page.isPlaceholderData}
        />
      </QueryBody>
    </section>
  )
}
