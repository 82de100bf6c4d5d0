/** What the client drawer shows from each part of `data.client`, with a label and how each value reads. */
import type { Row } from '../../../../src-preload/contract.ts'
import { formatKpi } from '../../../pages/overview-format.ts'
import { formatCountOf, formatDay, formatDecimal, formatProbability } from '../format.ts'

export type FieldKind = 'text' | 'money' | 'count' | 'days' | 'probability' | 'day'

export interface ClientField {
  field: string
  label: string
  kind: FieldKind
}

export interface ClientSection {
  title: string
  part: 'dim' | 'features' | 'scores'
  fields: ClientField[]
}

export const CLIENT_SECTIONS: ClientSection[] = [
  {
    title: 'Scores',
    part: 'scores',
    fields: [
      { field: 'prob_reachat_12m', label: 'Re-purchase probability', kind: 'probability' },
      { field: 'expected_value_12m', label: 'Expected value, 12 months', kind: 'money' },
      { field: 'value_at_risk_12m', label: 'Value at risk, 12 months', kind: 'money' },
    ],
  },
  {
    title: 'Last 12 months',
    part: 'features',
    fields: [
      { field: 'freq_12m', label: 'Purchases', kind: 'count' },
      { field: 'monetary_12m', label: 'Spend', kind: 'money' },
      { field: 'monetary_avg_12m', label: 'Average basket', kind: 'money' },
      { field: 'product_diversity_12m', label: 'Different products', kind: 'count' },
      { field: 'recency_days', label: 'Days since last purchase', kind: 'days' },
    ],
  },
  {
    title: 'All time',
    part: 'dim',
    fields: [
      { field: 'total_orders', label: 'Purchases', kind: 'count' },
      { field: 'total_spend', label: 'Spend', kind: 'money' },
      { field: 'avg_order_value', label: 'Average basket', kind: 'money' },
      { field: 'product_count', label: 'Different products', kind: 'count' },
      { field: 'first_purchase', label: 'First purchase', kind: 'day' },
      { field: 'last_purchase', label: 'Last purchase', kind: 'day' },
      { field: 'date_inscription', label: 'Registered', kind: 'day' },
    ],
  },
]

/** The predictor's row for the client (gold's `client_predictions`), in the drawer's own words. */
export const PREDICTION_FIELDS: ClientField[] = [
  { field: 'prob_purchase', label: 'Purchase probability', kind: 'probability' },
  { field: 'expected_spend', label: 'Expected spend', kind: 'money' },
  { field: 'decile', label: 'Decile (1 = most likely)', kind: 'count' },
  { field: 'prob_reachat_12m', label: 'Heuristic re-purchase probability', kind: 'probability' },
  { field: 'horizon_days', label: 'Horizon', kind: 'days' },
  { field: 'reference_date', label: 'Scored as of', kind: 'day' },
  { field: 'ml_run_id', label: 'Training', kind: 'text' },
]

export function formatField(row: Row, { field, kind }: ClientField): string {
  const value = row[field]
  if (value === null || value === undefined) return '—'
  if (typeof value !== 'number') return kind === 'day' ? formatDay(String(value)) : String(value)
  switch (kind) {
    case 'money':
      return formatKpi('money', value)
    case 'probability':
      return formatProbability(value)
    case 'days':
      return `${formatCountOf(value)} days`
    case 'count':
      return formatCountOf(value)
    default:
      return formatDecimal(value)
  }
}
