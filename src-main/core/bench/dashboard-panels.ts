/**
 * The panels of the Overview and Customers dashboard, as the original's dashboard loaded them (spec §8):
 * each panel is one read of the serving store, or one route of the read API.
 */
import type { DataRoute } from '../../../src-preload/contract.ts'

export interface DashboardPanel {
  panel: string
  /** The list route; none for the headline KPIs. */
  route?: DataRoute
  /** The page the dashboard asks for; none = the route's default. */
  limit?: number
}

export const DASHBOARD_PANELS: readonly DashboardPanel[] = [
  { panel: 'kpis' },
  { panel: 'monthly', route: 'monthly' },
  { panel: 'by_country', route: 'by_country' },
  { panel: 'by_product', route: 'by_product' },
  { panel: 'segments', route: 'segments' },
  { panel: 'scores', route: 'scores', limit: 100 },
  { panel: 'distribution', route: 'distribution' },
  { panel: 'cohort', route: 'cohort' },
]

/** The read API's path for a panel, e.g. `/scores?limit=100`. */
export function panelPath(panel: DashboardPanel): string {
  const path = `/${panel.route ?? 'kpis'}`
  return panel.limit === undefined ? path : `${path}?limit=${panel.limit}`
}
