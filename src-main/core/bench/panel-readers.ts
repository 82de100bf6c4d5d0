/**
 * How a refresh reads one dashboard panel: straight from a serving store (what the app does), or
 * through the read API over loopback HTTP (what the original's dashboard did).
 */
import { parseListParams } from '../api/list-params.ts'
import { MedallionError } from '../errors.ts'
import { collectionForRoute } from '../serving/collections.ts'
import type { ServingStore } from '../serving/serving-store.ts'
import { type DashboardPanel, panelPath } from './dashboard-panels.ts'

export type PanelReader = (panel: DashboardPanel) => Promise<void>

const NOTHING_PUBLISHED =
  'nothing is published yet: run the pipeline (medallion run) first, then benchmark the refresh'

export function storeReader(store: ServingStore): PanelReader {
  return async (panel) => {
    const spec = panel.route ? collectionForRoute(`/${panel.route}`) : undefined
    const answer = spec
      ? await store.list(spec, parseListParams(spec, { limit: panel.limit }))
      : await store.kpis()
    if (answer === null) throw new MedallionError('not_published', `${panel.panel}: ${NOTHING_PUBLISHED}`)
  }
}

/** A GET that must answer 2xx; the body is read whole, as a dashboard would. */
export async function fetchOk(url: URL): Promise<void> {
  const response = await fetch(url)
  await response.arrayBuffer()
  if (!response.ok) {
    const why = response.status === 503 ? NOTHING_PUBLISHED : 'see the read API log'
    throw new MedallionError('bench_failed', `${url.pathname}: HTTP ${response.status} (${why})`)
  }
}

export function apiReader(baseUrl: string): PanelReader {
  return (panel) => fetchOk(new URL(panelPath(panel), baseUrl))
}
