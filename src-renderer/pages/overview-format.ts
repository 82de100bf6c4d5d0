/**
 * What the Overview shows and how its numbers read: the KPI cards (in order) and the formats, all in the
 * user's locale (money in EUR as whole euros, like the original's "6 008 545 EUR"; counts as integers).
 */
import type { ServedKpis } from '../../src-preload/contract.ts'

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

// `undefined` is the user's locale (the browser's or Electron's).
const money = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'EUR',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
})
const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })
const compactMoney = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'EUR',
  notation: 'compact',
  maximumFractionDigits: 1,
})
const monthLabel = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' })

/** A KPI as shown on its card; '—' when the store has no figure (e.g. no scores yet). */
export function formatKpi(kind: KpiCardSpec['kind'], value: number | null | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—'
  return kind === 'money' ? money.format(value) : count.format(value)
}

export function formatMoney(value: number): string {
  return money.format(value)
}

/** Axis ticks: "250 k €" rather than "250 000 €". */
export function formatMoneyCompact(value: number): string {
  return compactMoney.format(value)
}

/** "2024-03" → "Mar 2024" (in the user's locale); anything else is shown as it came. */
export function formatMonth(mois: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(mois)
  if (!match) return mois
  return monthLabel.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1))
}
