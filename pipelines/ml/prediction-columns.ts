/**
 * The gold table `client_predictions`: the predictor's score for every client. Gold writes it empty (same
 * columns) on every pipeline run, so every gold has it and publishing never waits for a training; a
 * training commits a gold of its own where it is filled (src-main/core/ml/prediction-commit.ts).
 */
import pl from 'nodejs-polars'

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

export const PREDICTIONS_TABLE = 'client_predictions'

export const PREDICTION_SCHEMA = {
  id_client: pl.Int64,
  prob_purchase: pl.Float64,
  expected_spend: pl.Float64,
  decile: pl.Int64,
  prob_reachat_12m: pl.Float64,
  horizon_days: pl.Int64,
  reference_date: pl.Datetime('us'),
  ml_run_id: pl.Utf8,
} as const

/** The table with no row: what gold holds until a training fills it. */
export function emptyPredictions(): pl.DataFrame {
  return pl.DataFrame(
    Object.fromEntries(PREDICTION_COLUMNS.map((c) => [c, pl.Series(c, [], PREDICTION_SCHEMA[c])])),
  )
}
