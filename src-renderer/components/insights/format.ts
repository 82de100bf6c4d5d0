/**
 * Formats the insights pages add to overview-format.ts (money, counts and months come from there): shares,
 * probabilities and days, in the user's locale.
 */
import { formatKpi } from '../../pages/overview-format.ts'

const share = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 })
const wholeShare = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 })
const signedShare = new Intl.NumberFormat(undefined, {
  style: 'percent',
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
})
const probability = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const dayLabel = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })

/** 0.423 → "42.3 %"; '—' when unknown. */
export function formatShare(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? share.format(value) : '—'
}

/** 0.423 → "42 %", for cells where space is short. */
export function formatWholeShare(value: number): string {
  return wholeShare.format(value)
}

/** A change: 0.05 → "+5 %", −0.1 → "−10 %"; '—' when unknown. */
export function formatGrowth(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? signedShare.format(value) : '—'
}

/** A probability as a number between 0 and 1 with two decimals ("0.63"). */
export function formatProbability(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? probability.format(value) : '—'
}

/** A count with thousands separators; '—' when unknown. */
export function formatCountOf(value: number | null | undefined): string {
  return formatKpi('count', value)
}

/** 'YYYY-MM-DD' or an ISO timestamp (naive UTC) → "12 Mar 2024"; anything else as it came. */
export function formatDay(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value)
  if (!match) return value
  return dayLabel.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
}

const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 })

/** A median or an average: up to one decimal ("2.5"); '—' when unknown. */
export function formatDecimal(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? decimal.format(value) : '—'
}
