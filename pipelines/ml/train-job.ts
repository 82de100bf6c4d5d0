/** What the core asks a training worker to do, and what the worker answers (plain data, posted). */
import type { MlModel, TrainingResults } from '../../src-preload/contract-ml.ts'

export interface TrainJob {
  model: MlModel
  /** A local folder holding the gold tables trained on. */
  goldDir: string
  /** Where the worker writes the report, plots, tables and, for the predictor, client_predictions.parquet. */
  outDir: string
  /** The training's id, written into the predictions it makes. */
  mlRunId: string
  horizonDays: number
  clusters: number
  seed: number
}

export interface TrainOutcome extends TrainingResults {
  /** One line for a terminal and the task log. */
  summary: string
  /** Files written under outDir, relative paths with '/' (uploaded to MLflow as they are). */
  artifacts: string[]
  /** predictor: the table to commit to gold (outDir-relative) and its rows. */
  predictions?: { file: string; rows: number; ms: number }
}
