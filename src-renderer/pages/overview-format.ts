/**
 * What the Overview shows: the KPI cards (in order), and their figures through the one format module
 * (money in EUR as whole euros, like the original's "6 008 545 EUR"; counts as integers).
 */
import type { ServedKpis } from '../../src-preload/contract.ts'
import { fmt } from '../format/index.ts'

export type KpiKey = keyof Omit<ServedKpis, 'dataset_size'>

export interface KpiCardSpec {
  key: KpiKey
  label: string
  kind: 'money' | 'count'
  /** One line under the figure: what it is. */
  hint: string
}

export const KPI_CARDS: readonly KpiCardSpec[] = [
  { key: 'total_ca', label: 'Revenue', kind: 'money', hint: 'Sum of every purchase' },
  { key: 'total_achats', label: 'Purchases', kind: 'count', hint: 'Purchases kept by silver' },
  { key: 'total_clients', label: 'Clients', kind: 'count', hint: 'Distinct clients who bought' },
  { key: 'panier_moyen', label: 'Average basket', kind: 'money', hint: 'Revenue ÷ purchases' },
  {
    key: 'expected_total',
    label: 'Expected value',
    kind: 'money',
    hint: 'Next 12 months, from client scores',
  },
]

/** A KPI as shown on its card; '—' when the store has no figure (e.g. no scores yet). */
export function formatKpi(kind: KpiCardSpec['kind'], value: number | null | undefined): string {
  return kind === 'money' ? fmt.money(value) : fmt.count(value)
}

export const formatMoney = fmt.money

/** Axis ticks: "€1.05M" rather than "€1,050,000". */
export const formatMoneyCompact = fmt.compactMoney

/** "2024-03" → "Mar 2024" (in the user's locale); anything else is shown as it came. */
export const formatMonth = fmt.month
