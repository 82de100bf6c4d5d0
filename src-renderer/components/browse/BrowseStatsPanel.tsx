/** The schema and per-column stats of a browsed table under its filters (asked for on demand: they scan). */
import type { BrowseFilter, BrowseSource } from '../../../src-preload/contract-browse.ts'
import { useBrowseStats } from '../../api/browse-hooks.ts'
import { fmt } from '../../format/index.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { TableExport } from '../export/TableExport.tsx'

const count = fmt.count

export function BrowseStatsPanel({ source, filters }: { source: BrowseSource; filters: BrowseFilter[] }) {
  const stats = useBrowseStats({ source, filters })
  if (stats.isPending) return <p className="hint">Computing the stats…</p>
  if (stats.error) return <ErrorNote error={stats.error} />
  const { rows, columns } = stats.data
  return (
    <div className="browse-stats" data-testid="browse-stats">
      <div className="panel-head">
        <h3>Schema and stats ({count(rows)} rows)</h3>
        <TableExport
          name="table-stats"
          rows={columns}
          columns={[
            { key: 'name' },
            { key: 'type' },
            { key: 'nulls' },
            { key: 'distinct' },
            { key: 'min' },
            { key: 'max' },
          ]}
        />
      </div>
      <div className="table-wrap">
        <table className="runs">
          <thead>
            <tr>
              <th>column</th>
              <th>type</th>
              <th className="num">nulls</th>
              <th className="num">distinct</th>
              <th>min</th>
              <th>max</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c.name}>
                <td>{c.name}</td>
                <td>{c.type}</td>
                <td className="num">{count(c.nulls)}</td>
                <td className="num">{count(c.distinct)}</td>
                <td>{c.min === null ? '' : String(c.min)}</td>
                <td>{c.max === null ? '' : String(c.max)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
