/**
 * Column contracts between layers. Silver keeps real types (the original wrote dates back as strings);
 * silver frames may also carry lineage columns starting with `_`, which later layers ignore.
 */
import pl from 'nodejs-polars'

export const REQUIRED_CLIENT_COLUMNS = ['id_client', 'nom', 'email', 'date_inscription', 'pays'] as const
export const REQUIRED_PURCHASE_COLUMNS = [
  'id_achat',
  'id_client',
  'date_achat',
  'montant',
  'produit',
] as const

/** Silver clients: date_inscription is a midnight Datetime in microseconds, naive (read as UTC). */
export const SILVER_CLIENTS_SCHEMA = {
  id_client: pl.Int64,
  nom: pl.Utf8,
  email: pl.Utf8,
  date_inscription: pl.Datetime('us'),
  pays: pl.Utf8,
} as const

/** Silver purchases: date_achat is a naive Datetime in microseconds (read as UTC). */
export const SILVER_PURCHASES_SCHEMA = {
  id_achat: pl.Int64,
  id_client: pl.Int64,
  date_achat: pl.Datetime('us'),
  montant: pl.Float64,
  produit: pl.Utf8,
} as const

/** The original's constants (spec §0). */
export const HORIZON_DAYS = 365
export const MAX_PURCHASE_AMOUNT = 10_000
export const DATE_LOWER_BOUND = '2000-01-01'

export const MICROS_PER_DAY = 86_400_000_000

/**
 * Why silver rejected a row. Each reason maps onto one of the original's quality counters, so the run
 * record keeps the original's counter names while the rejects table says precisely what was wrong.
 */
export const REJECT_REASONS = {
  invalid_id: 'dropped_invalid_id',
  invalid_number: 'dropped_missing',
  missing_field: 'dropped_missing',
  invalid_date: 'dropped_invalid_date',
  date_out_of_range: 'dropped_out_of_range',
  invalid_email: 'dropped_invalid_email',
  bad_amount: 'dropped_bad_amount',
  orphan_client: 'dropped_orphan_client',
  duplicate_id: 'dropped_duplicates',
} as const
export type RejectReason = keyof typeof REJECT_REASONS
