/**
 * The serving catalog: every collection the publisher writes and the API reads (spec §6.3, §6.5, §7),
 * with the gold table it comes from, its unique key, its fields, the fields stored as dates, its
 * secondary indexes, the route that serves it, its default sort and the filters users may pass.
 */
import {
  DIM_CLIENT_COLUMNS,
  DISTRIBUTION_COLUMNS,
  FACT_COLUMNS,
  FEATURE_COLUMNS,
  PREDICTION_COLUMNS,
  RETENTION_COLUMNS,
  SCORE_COLUMNS,
  SEGMENT_SUMMARY_COLUMNS,
} from '../../../pipelines/gold/columns.ts'
import type { GoldTableName } from '../../../pipelines/gold/index.ts'

export interface CollectionSpec {
  name: string
  table: GoldTableName
  /** Unique key: the publisher upserts by it; every collection has one. */
  key: string
  /** Fields as they are in gold, in order (the only fields `sort` may name). */
  fields: readonly string[]
  /** Fields holding timestamps: BSON dates in MongoDB, ISO strings in JSON. Day/month keys stay strings. */
  dates: readonly string[]
  /** Non-unique indexes (spec §6.5). */
  indexes: readonly string[]
  /** The read API's route, if the collection has one. */
  route?: string
  defaultSort?: { field: string; dir: 1 | -1 }
  /** Fields a request may filter on with `?field=value` (exact match). */
  filters?: readonly string[]
  /** What fills the table when the pipeline leaves it empty (said in the 503 of an empty collection). */
  filledBy?: string
}

const FEATURE_DATES = ['last_purchase', 'first_purchase', 'reference_date'] as const

export const COLLECTIONS: readonly CollectionSpec[] = [
  {
    name: 'gold_fact_achats',
    table: 'fact_achats',
    key: 'id_achat',
    fields: FACT_COLUMNS,
    dates: ['date_achat'],
    indexes: ['id_client', 'date_achat', 'mois', 'pays'],
  },
  {
    name: 'gold_dim_clients',
    table: 'dim_clients',
    key: 'id_client',
    fields: DIM_CLIENT_COLUMNS,
    dates: ['date_inscription', 'first_purchase', 'last_purchase'],
    indexes: ['pays'],
  },
  {
    name: 'gold_client_features',
    table: 'client_features',
    key: 'id_client',
    fields: FEATURE_COLUMNS,
    dates: FEATURE_DATES,
    indexes: [],
  },
  {
    name: 'gold_client_scores',
    table: 'client_scores',
    key: 'id_client',
    fields: SCORE_COLUMNS,
    dates: FEATURE_DATES,
    indexes: ['segment_label'],
    route: '/scores',
    defaultSort: { field: 'expected_value_12m', dir: -1 },
    filters: ['segment_label', 'id_client'],
  },
  {
    name: 'gold_segment_summary',
    table: 'segment_summary',
    key: 'segment_label',
    fields: SEGMENT_SUMMARY_COLUMNS,
    dates: [],
    indexes: [],
    route: '/segments',
    defaultSort: { field: 'expected_value_12m', dir: -1 },
  },
  {
    name: 'gold_monthly',
    table: 'ca_monthly',
    key: 'mois',
    fields: ['mois', 'ca'],
    dates: [],
    indexes: [],
    route: '/monthly',
    defaultSort: { field: 'mois', dir: 1 },
  },
  {
    name: 'gold_by_country',
    table: 'ca_country',
    key: 'pays',
    fields: ['pays', 'ca'],
    dates: [],
    indexes: [],
    route: '/by_country',
    defaultSort: { field: 'ca', dir: -1 },
  },
  {
    name: 'gold_by_product',
    table: 'ca_product',
    key: 'produit',
    fields: ['produit', 'ca'],
    dates: [],
    indexes: [],
    route: '/by_product',
    defaultSort: { field: 'ca', dir: -1 },
  },
  {
    name: 'gold_cohort_first_purchase',
    table: 'cohort_first_purchase',
    key: 'first_purchase_month',
    fields: ['first_purchase_month', 'clients', 'ca'],
    dates: [],
    indexes: [],
    route: '/cohort',
    defaultSort: { field: 'first_purchase_month', dir: 1 },
  },
  {
    name: 'gold_daily',
    table: 'daily',
    key: 'jour',
    fields: ['jour', 'ca', 'achats'],
    dates: [],
    indexes: [],
    route: '/daily',
    defaultSort: { field: 'jour', dir: 1 },
  },
  {
    name: 'gold_weekly',
    table: 'weekly',
    key: 'semaine',
    fields: ['semaine', 'ca', 'achats'],
    dates: [],
    indexes: [],
    route: '/weekly',
    defaultSort: { field: 'semaine', dir: 1 },
  },
  {
    name: 'gold_distribution',
    table: 'distribution',
    key: 'bucket',
    fields: DISTRIBUTION_COLUMNS,
    dates: [],
    indexes: ['bin'],
    route: '/distribution',
    // Numeric order (the original sorted the labels as text).
    defaultSort: { field: 'bin', dir: 1 },
  },
  {
    name: 'gold_monthly_growth',
    table: 'monthly_growth',
    key: 'mois',
    fields: ['mois', 'ca', 'prev_ca', 'growth_abs', 'growth_pct'],
    dates: [],
    indexes: [],
    route: '/monthly_growth',
    defaultSort: { field: 'mois', dir: 1 },
  },
  {
    name: 'gold_cohort_retention',
    table: 'cohort_retention',
    // One text key for the (cohort, month_offset) pair: the catalog keys by one field.
    key: 'cohort_offset',
    fields: RETENTION_COLUMNS,
    dates: [],
    indexes: ['cohort'],
    route: '/retention',
    // Ties broken by the key: cohort, then month_offset.
    defaultSort: { field: 'cohort', dir: 1 },
    filters: ['cohort', 'month_offset'],
  },
  {
    name: 'gold_client_predictions',
    table: 'client_predictions',
    key: 'id_client',
    fields: PREDICTION_COLUMNS,
    dates: ['reference_date'],
    indexes: ['decile'],
    route: '/predictions',
    defaultSort: { field: 'prob_purchase', dir: -1 },
    filters: ['id_client', 'decile'],
    filledBy: 'train the predictor (medallion train predictor, or the Models page)',
  },
]

export type CollectionName = (typeof COLLECTIONS)[number]['name']

/** The one-document collection holding the headline KPIs of the published gold (from the run record). */
export const KPIS_COLLECTION = 'gold_kpis'

export function collection(name: string): CollectionSpec {
  const spec = COLLECTIONS.find((c) => c.name === name)
  if (!spec) throw new Error(`unknown collection ${name}`)
  return spec
}

export function collectionForRoute(route: string): CollectionSpec | undefined {
  return COLLECTIONS.find((c) => c.route === route)
}
