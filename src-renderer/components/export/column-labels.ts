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

/**
 * The tables of Models, Benchmarks and Stack, whose rows are the app's own records (not served fields):
 * one catalog per table, since the same field name means different things there ("label" is a metric in
 * one, a segment in another). Their headers on screen read from the same catalog.
 */
export const ADVISOR_SEGMENT_LABELS = {
  cluster: 'Cluster',
  label: 'Segment',
  segment: 'Majority RFM segment',
  segment_share: 'Share of the majority segment',
  size: 'Clients',
  revenue_total: 'Revenue',
  revenue_avg: 'Revenue per client',
  frequency_avg: 'Purchases (avg)',
  recency_avg: 'Recency (avg days)',
  labels: 'Clients per RFM segment',
  actions: 'What to do',
} as const

export const ADVISOR_CONTACT_LABELS = {
  id_client: COLUMN_LABELS.id_client,
  nom: 'Name',
  pays: COLUMN_LABELS.pays,
  label: 'Segment',
  cluster: 'Cluster',
  frequency: 'Purchases',
  monetary_total: 'Spend',
  recency_days: 'Days since last purchase',
  action: 'Action',
} as const

/** The model beside the heuristic, one metric a row (the predictor's table and chart). */
export const METRIC_COMPARISON_LABELS = {
  label: 'Metric',
  model: 'Model',
  baseline: 'Heuristic',
  better: 'Better',
} as const

export const PREDICTED_CLIENT_LABELS = {
  id_client: COLUMN_LABELS.id_client,
  nom: 'Name',
  pays: COLUMN_LABELS.pays,
  prob_purchase: 'Probability of purchase',
  expected_spend: 'Expected spend',
  prob_reachat_12m: 'Heuristic probability (12 m)',
} as const

export const ML_TRAINING_LABELS = {
  id: 'Training',
  startedAt: 'When',
  model: 'Model',
  status: 'Status',
  dataVersion: 'Gold run',
  headline: 'Result',
  mlflow: 'MLflow',
} as const

export const SEGMENT_REVENUE_LABELS = {
  cluster: 'Cluster',
  label: 'Segment',
  size: 'Clients',
  revenue_total: 'Revenue',
} as const

export const BENCH_HISTORY_LABELS = {
  startedAt: 'When',
  kind: 'Benchmark',
  engine: 'Engine',
  what: 'On',
  headline: 'Figures',
  machine: 'Machine',
} as const

export const BENCH_LAYER_LABELS = {
  label: 'Run',
  purchases: 'Purchases',
  bronze: 'Bronze (s)',
  silver: 'Silver (s)',
  gold: 'Gold (s)',
  total: 'Wall (s)',
} as const

export const BENCH_REFRESH_TOTAL_LABELS = {
  source: 'Source',
  p50Ms: 'p50 (ms)',
  p99Ms: 'p99 (ms)',
  meanMs: 'Mean (ms)',
  firstMs: 'First refresh (ms)',
  detail: 'Detail',
} as const

export const STACK_SERVICE_LABELS = {
  service: 'Service',
  state: 'State',
  health: 'Health',
  ports: 'Ports',
  image: 'Image',
  uptime_seconds: 'Uptime (s)',
  up_to_date: 'Up to date',
} as const

export const LOG_LINE_LABELS = { time: 'Time', stream: 'Stream', text: 'Line' } as const

/** A field's label in `labels` (the served fields' catalog by default), or the field itself if unknown. */
export function columnLabel(field: string, labels: Readonly<Record<string, string>> = COLUMN_LABELS): string {
  return labels[field] ?? field
}

/** CSV columns for `fields`, each headed by its label in `labels` (the served fields' catalog by default). */
export function labelledColumns<T>(
  fields: readonly (keyof T & string)[],
  labels: Readonly<Record<string, string>> = COLUMN_LABELS,
): ExportColumn<T>[] {
  return fields.map((key) => ({ key, label: columnLabel(key, labels) }))
}

/** CSV columns for every field of a table's catalog (fields of `T`), in the catalog's order. */
export function catalogColumns<T>(
  labels: Readonly<Partial<Record<keyof T & string, string>>>,
): ExportColumn<T>[] {
  return Object.entries(labels).map(([key, label]) => ({
    key: key as keyof T & string,
    label: String(label),
  }))
}
