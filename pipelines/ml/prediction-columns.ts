/**
 * The gold table `client_predictions`: the predictor's score for every client. Gold writes it empty (same
 * columns) on every pipeline run, so every gold has it and publishing never waits for a training; a
 * training commits a gold of its own where it is filled (src-main/core/ml/prediction-commit.ts).
 */
import pl from 'nodejs-polars'
import { PREDICTION_COLUMNS } from '../gold/columns.ts'

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
