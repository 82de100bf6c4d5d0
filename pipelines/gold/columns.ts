/**
 * The columns of each gold table, in order: the contract the pipeline writes, the serving catalog reads
 * and the Spark twin keeps (pipelines/spark/gold/columns.py). No Polars here, so the catalog and the CLI
 * can read them without loading it.
 */

export const DIM_CLIENT_COLUMNS = [
  'id_client',
  'nom',
  'email',
  'pays',
  'date_inscription',
  'first_purchase',
  'last_purchase',
  'recency_days',
  'tenure_days',
  'total_orders',
  'total_spend',
  'avg_order_value',
  'product_count',
] as const

export const DISTRIBUTION_COLUMNS = ['bin', 'bucket', 'count', 'lower', 'upper'] as const

export const FACT_COLUMNS = [
  'id_achat',
  'id_client',
  'date_achat',
  'montant',
  'produit',
  'pays',
  'jour',
  'mois',
  'annee',
] as const

export const FEATURE_COLUMNS = [
  'id_client',
  'freq_12m',
  'monetary_12m',
  'monetary_avg_12m',
  'product_diversity_12m',
  'last_purchase',
  'first_purchase',
  'recency_days',
  'tenure_days',
  'total_orders_all',
  'total_spend_all',
  'avg_order_value_all',
  'reference_date',
] as const

export const SCORE_COLUMNS = [
  ...FEATURE_COLUMNS,
  'prob_reachat_12m',
  'expected_value_12m',
  'value_at_risk_12m',
  'segment_label',
] as const

export const SEGMENT_SUMMARY_COLUMNS = [
  'segment_label',
  'clients',
  'ca_12m',
  'expected_value_12m',
  'value_at_risk_12m',
  'freq_med',
  'recency_med',
] as const

export const RETENTION_COLUMNS = [
  'cohort',
  'month_offset',
  'active_clients',
  'cohort_size',
  'retention',
  'cohort_offset',
] as const

export const PREDICTION_COLUMNS = [
  'id_client',
  /** Probability of at least one purchase within `horizon_days` after `reference_date`. */
  'prob_purchase',
  /** Expected spend over the same days: prob_purchase × the spend model's amount for a buyer. */
  'expected_spend',
  /** 1 = the tenth of clients most likely to buy, 10 = the least likely. */
  'decile',
  /** The original's heuristic, as gold computes it, for comparison. */
  'prob_reachat_12m',
  'horizon_days',
  'reference_date',
  /** The training that wrote the row (Medallion's id; the MLflow run is linked from its record). */
  'ml_run_id',
] as const
