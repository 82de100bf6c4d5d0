/**
 * Which serving store answers the Overview, and a banner when it cannot: the store is unreachable, or it
 * has nothing to serve yet. Each banner says what to do about it.
 */

import type { ReactNode } from 'react'
import type { StoreHealth } from '../../src-preload/contract.ts'
import { formatDateTime } from '../pages/run-summary.ts'

const STORE_NAMES: Record<StoreHealth['store'], string> = {
  mongo: 'MongoDB',
  parquet: 'the embedded store (Parquet)',
}

export function StoreStatusLine({ health }: { health: StoreHealth }) {
  return (
    <p
      className="store-status"
      data-testid="store-status"
      data-store={health.store}
      data-ok={String(health.ok)}
    >
      <span className={`status-dot ${health.ok ? 'status-dot-ok' : 'status-dot-down'}`} aria-hidden="true" />
      <span>
        Served by <strong>{STORE_NAMES[health.store]}</strong>
        {health.ok ? '' : ' — not reachable'}
      </span>
      {/* When the store is down the banner shows the detail in full. */}
      {health.ok ? (
        <span className="store-detail" title={health.detail}>
          {health.detail}
        </span>
      ) : null}
      {health.runId ? (
        <span className="store-run" data-testid="store-run">
          gold of the run started {formatDateTime(runStartedAt(health.runId))} (<code>{health.runId}</code>)
        </span>
      ) : null}
    </p>
  )
}

export type ServingProblem = 'unreachable' | 'unpublished'

function Banner({ kind, title, children }: { kind: ServingProblem; title: string; children: ReactNode }) {
  return (
    <section className="banner" aria-live="polite" data-testid="serving-banner" data-problem={kind}>
      <h2 className="banner-title">{title}</h2>
      {children}
    </section>
  )
}

/** The banner for a store that does not answer or has nothing to serve. */
export function ServingBanner({ problem, health }: { problem: ServingProblem; health?: StoreHealth }) {
  const store = health?.store
  if (problem === 'unreachable' && store === 'mongo') {
    return (
      <Banner kind={problem} title="MongoDB is not reachable">
        {health?.detail ? <p className="banner-detail">{health.detail}</p> : null}
        <p>
          Start MongoDB at that address, or switch to the embedded store, which reads the gold layer straight
          from the lake: unset <code>MONGO_URL</code> (and <code>MONGO_URI</code>) and restart{' '}
          <code>medallion serve</code> without it.
        </p>
      </Banner>
    )
  }
  if (problem === 'unreachable') {
    return (
      <Banner kind={problem} title="The serving store is not reachable">
        {health?.detail ? <p className="banner-detail">{health.detail}</p> : null}
        <p>
          Check the data folder, then run the pipeline (the <a href="#/pipeline">Pipeline</a> page, or{' '}
          <code>medallion run</code>) so there is gold to serve.
        </p>
      </Banner>
    )
  }
  if (store === 'mongo') {
    return (
      <Banner kind={problem} title="Nothing is published yet">
        <p>
          MongoDB answers but holds no gold. Publish the latest run with <code>medallion publish</code>; if
          there is no run yet, run the pipeline first (the <a href="#/pipeline">Pipeline</a> page, or{' '}
          <code>medallion run</code>).
        </p>
      </Banner>
    )
  }
  return (
    <Banner kind={problem} title="Nothing is published yet">
      <p>
        There is no gold to show: run the pipeline from the <a href="#/pipeline">Pipeline</a> page, or with{' '}
        <code>medallion run</code> (after <code>medallion generate</code> for sample data). The Overview shows
        the newest successful run as soon as it ends.
      </p>
    </Banner>
  )
}

/** A run id starts with its UTC start time to the millisecond (`20261127T084107079Z-…`): as ISO 8601. */
export function runStartedAt(runId: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(runId)
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : runId
}
