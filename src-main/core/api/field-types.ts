/**
 * The JSON type of each served field: types filter values (`?id_client=42` is a number) and the OpenAPI
 * document's row schemas. Timestamps come from the catalog (`dates`); the API test checks this table
 * against the values every route really returns.
 */
import type { CollectionSpec } from '../serving/collections.ts'

export type FieldType = 'integer' | 'number' | 'string' | 'timestamp'

const INTEGER_FIELDS: ReadonlySet<string> = new Set([
  'id_achat',
  'id_client',
  'annee',
  'freq_12m',
  'product_diversity_12m',
  'recency_days',
  'tenure_days',
  'total_orders_all',
  'total_orders',
  'product_count',
  'clients',
  'achats',
  'bin',
  'count',
  'month_offset',
  'active_clients',
  'cohort_size',
])

const STRING_FIELDS: ReadonlySet<string> = new Set([
  'nom',
  'email',
  'pays',
  'produit',
  'jour',
  'mois',
  'semaine',
  'bucket',
  'segment_label',
  'first_purchase_month',
  'cohort',
  'cohort_offset',
])

/** Every other field is a float. */
export function fieldType(spec: CollectionSpec, field: string): FieldType {
  if (spec.dates.includes(field)) return 'timestamp'
  if (INTEGER_FIELDS.has(field)) return 'integer'
  if (STRING_FIELDS.has(field)) return 'string'
  return 'number'
}
