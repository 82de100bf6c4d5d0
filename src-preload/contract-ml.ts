/**
 * Models: training the predictor and the advisor, their runs and MLflow links (issue 6).
 * Each call: its zod input schema (main validates before acting) and its output type; names in names-ml.ts.
 */
import { z } from 'zod'
import { call } from './call.ts'
import { ML_DEFAULTS, ML_LIMITS, ML_MODELS, type MlModel } from './names-ml.ts'

export { ML_DEFAULTS, ML_LIMITS, ML_MODELS, ML_TASK_KIND, type MlModel } from './names-ml.ts'

export const MlTrainInput = z
  .object({
    model: z.enum(ML_MODELS),
    /** predictor: the days after a cutoff in which a purchase counts as "bought again". */
    horizonDays: z
      .number()
      .int()
      .min(ML_LIMITS.horizonDays.min)
      .max(ML_LIMITS.horizonDays.max)
      .default(ML_DEFAULTS.horizonDays),
    /** advisor: k of k-means. */
    clusters: z
      .number()
      .int()
      .min(ML_LIMITS.clusters.min)
      .max(ML_LIMITS.clusters.max)
      .default(ML_DEFAULTS.clusters),
    /** Seeds the training sample (predictor) and the k-means starts (advisor). */
    seed: z.number().int().min(ML_LIMITS.seed.min).max(ML_LIMITS.seed.max).default(ML_DEFAULTS.seed),
  })
  .strict()
export type MlTrainArgs = z.output<typeof MlTrainInput>

const MlRunsInput = z
  .object({
    model: z.enum(ML_MODELS).optional(),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict()
  .default({ limit: 50 })

/** One held-out measure for the model and for the original's heuristic, on the same clients. */
export interface MetricComparison {
  /** The MLflow metric name without its `model_`/`baseline_` prefix, e.g. `roc_auc`. */
  metric: string
  label: string
  model: number
  baseline: number
  better: 'higher' | 'lower'
}

/** A client the predictor ranks high. */
export interface PredictedClient {
  id_client: number
  prob_purchase: number
  expected_spend: number
  prob_reachat_12m: number
}

/** One k-means cluster of the advisor. */
export interface SegmentProfile {
  cluster: number
  /**
   * The cluster's name: its majority RFM segment, with what sets it apart when clusters share one
   * ("Dormants — high value"); unique within a training.
   */
  label: string
  /**
   * The RFM segment (gold client_scores' segment_label) most of its clients carry, and their share (0..1).
   * Absent from trainings recorded before clusters were named this way.
   */
  segment?: string
  segment_share?: number
  size: number
  revenue_total: number
  revenue_avg: number
  frequency_avg: number
  recency_avg: number
  /** Clients per RFM segment inside the cluster. */
  labels: Record<string, number>
  actions: string[]
}

/** A client the advisor suggests contacting, and why. */
export interface ContactClient {
  id_client: number
  /** The client's RFM segment. */
  label: string
  cluster: number
  frequency: number
  monetary_total: number
  recency_days: number
  action: string
}

export interface MlflowRunLink {
  trackingUri: string
  experimentId: string
  runId: string
  /** `<tracking URI>/#/experiments/<experiment>/runs/<run>`: the run in MLflow's UI. */
  url: string
  /** The run's status in MLflow when last asked (FINISHED, FAILED, KILLED; `missing` if deleted there). */
  status?: string
}

export type MlRunStatus = 'finished' | 'failed' | 'cancelled'

/** What a training measured and found: logged to MLflow and kept in its record. */
export interface TrainingResults {
  params: Record<string, string>
  metrics: Record<string, number>
  /** predictor: each held-out metric for the model and the heuristic. */
  comparison?: MetricComparison[]
  topClients?: PredictedClient[]
  /** advisor. */
  segments?: SegmentProfile[]
  contacts?: ContactClient[]
}

/** One training, as recorded locally (`<data>/ml/runs.jsonl`) and, when serving from MongoDB, in `ml_runs`. */
export interface MlRunRecord extends TrainingResults {
  id: string
  model: MlModel
  status: MlRunStatus
  startedAt: string
  finishedAt: string
  /** The pipeline run whose gold was trained on: the data version (MLflow tag `medallion.data_version`). */
  dataVersion?: string
  /** predictor: the pipeline run whose gold carries these predictions (`client_predictions`). */
  predictionsRunId?: string
  /** The local copy of the report, plots and tables. */
  artifactsDir?: string
  mlflow?: MlflowRunLink
  /** Why the run is not (fully) in MLflow: not configured, unreachable, or a failure while logging. */
  mlflowNote?: string
  error?: string
}

/** Where MLflow is and whether it answers; `detail` says how to start it when it does not. */
export interface MlflowStatus {
  uri?: string
  /** Where the address comes from: environment, settings file, stack, or not set. */
  source: string
  reachable: boolean
  detail: string
}

export interface MlRuns {
  /** Newest first. */
  runs: MlRunRecord[]
  mlflow: MlflowStatus
}

export const mlCalls = {
  /** Trains a model in a worker thread as a task (kind ML_TASK_KIND); its record is in `ml.runs` once it ends. */
  'ml.train': call<typeof MlTrainInput, { taskId: string }>(MlTrainInput),
  /** The recorded trainings with their metrics and MLflow links, and MLflow's status. */
  'ml.runs': call<typeof MlRunsInput, MlRuns>(MlRunsInput),
} as const
