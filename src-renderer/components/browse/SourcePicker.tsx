/** Which table the data browser shows: a kept run, a layer and a table — or a MongoDB collection. */

import type { Layer } from '../../../src-preload/contract.ts'
import type { BrowseSource, BrowseTables } from '../../../src-preload/contract-browse.ts'
import { LAYERS } from '../../../src-preload/values.ts'

export function SourcePicker({
  tables,
  source,
  onChange,
}: {
  tables: BrowseTables
  source: BrowseSource | undefined
  onChange: (source: BrowseSource) => void
}) {
  const lakeSource = source && !('collection' in source) ? source : undefined
  const layer: Layer = lakeSource?.layer ?? 'gold'
  const run = lakeSource?.run ?? tables.runId
  const pick = (next: { run?: string; layer?: Layer; table?: string }) => {
    const nextLayer = next.layer ?? layer
    const nextRun = next.run ?? run
    const table = next.table ?? (next.layer || next.run ? '' : (lakeSource?.table ?? ''))
    onChange({ ...(nextRun ? { run: nextRun } : {}), layer: nextLayer, table })
  }
  return (
    <div className="browse-picker">
      <label className="field">
        <span>Run</span>
        <select value={run ?? ''} onChange={(e) => pick({ run: e.target.value })} aria-label="Run">
          {tables.runs.map((r) => (
            <option key={r.runId} value={r.runId}>
              {r.runId}
              {r.runId === tables.runId && r.status === 'succeeded' ? '' : ` (${r.status})`}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Layer</span>
        <select value={layer} onChange={(e) => pick({ layer: e.target.value as Layer })} aria-label="Layer">
          {LAYERS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Table</span>
        <select
          value={lakeSource?.table ?? ''}
          onChange={(e) => pick({ table: e.target.value })}
          aria-label="Table"
        >
          <option value="" disabled>
            choose a table
          </option>
          {tables.layers[layer].map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      {tables.collections ? (
        <label className="field">
          <span>MongoDB collection</span>
          <select
            value={source && 'collection' in source ? source.collection : ''}
            onChange={(e) => onChange({ collection: e.target.value })}
            aria-label="MongoDB collection"
          >
            <option value="" disabled>
              choose a collection
            </option>
            {tables.collections.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </div>
  )
}
