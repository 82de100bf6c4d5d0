/**
 * The catalog of column labels: each served field's name on screen, defined once and used by the tables'
 * headers and by their CSV exports (a spreadsheet reads "Probability of purchase (12 m)", not
 * `prob_reachat_12m`). UI exports only: the CLI, the API and the rejects download keep field names.
 */
import type { ExportColumn } from './csv.ts'

export const COLUMN_LABELS = {
  id_client: 'Client',
  segment_label: 'Segment',
  prob_reachat_12m: 'Probability of purchase (12 m)',
  expected_value_12m: 'Expected value (12 m)',
  value_at_risk_12m: 'Value at risk (12 m)',
  recency_days: 'Days since last purchase',
  freq_12m: 'Purchases (12 m)',
  monetary_12m: 'Spend (12 m)',
  clients: 'Clients',
  ca: 'Revenue',
  nb_achats: 'Purchases',
  pays: 'Country',
  produit: 'Product',
  jour: 'Day',
  semaine: 'Week',
  mois: 'Month',
  growth_pct: 'Growth (%)',
  first_purchase_month: 'First purchase month',
  active_clients: 'Active clients',
  ca_12m: 'Revenue (12 m)',
  freq_med: 'Purchases (median)',
  recency_med: 'Days since last purchase (median)',
  cohort: 'Cohort',
  month_offset: 'Months since first purchase',
  cohort_size: 'Cohort size',
  retention: 'Retention',
  bin: 'Bin',
  lower: 'From',
  upper: 'Up to',
} as const

export type LabelledField = keyof typeof COLUMN_LABELS

/** A field's label, or the field itself when the catalog does not know it. */
export function columnLabel(field: string): string {
  return (COLUMN_LABELS as Record<string, string>)[field] ?? field
}

/** CSV columns for `fields`, each headed by its label. */
export function labelledColumns<T>(fields: readonly (keyof T & string)[]): ExportColumn<T>[] {
  return fields.map((key) => ({ key, label: columnLabel(key) }))
}
