/**
 * The predictor: will a client buy within `horizon` days, and how much? A backtest in time order: the
 * model learns from the clients as of a training cutoff (labels: the next `horizon` days), and is judged
 * on the clients as of a later evaluation cutoff (labels: the last `horizon` days of the data), next to
 * the original's heuristic `prob_reachat_12m` recomputed by gold's own code as of that cutoff. Nothing
 * after a cutoff reaches a feature, and the scaling is fitted on training rows only. The model that
 * scores every client today is then refitted the same way on the most recent labelled cutoff.
 */

import pl from 'nodejs-polars'
import type { MetricComparison, PredictedClient } from '../../src-preload/contract-ml.ts'
import { PREDICTION_COLUMNS } from '../gold/columns.ts'
import { formatTimestamp } from '../gold/day-count.ts'
import { referenceMicros } from '../gold/fact.ts'
import { PipelineInputError } from '../pipeline-error.ts'
import { HORIZON_DAYS, MICROS_PER_DAY } from '../schema.ts'
import { datasetAsOf, LABEL_COLUMNS, type PurchaseHistory } from './cutoff-dataset.ts'
import { featureRows, MODEL_FEATURES, numbers } from './feature-matrix.ts'
import { DEFAULT_LOGISTIC, fitLogistic, type LogisticModel } from './logistic-model.ts'
import { brier, deciles, logLoss, meanAbsoluteError, rocAuc, rocCurve, topDecile } from './metrics.ts'
import { PREDICTION_SCHEMA } from './prediction-columns.ts'
import { seededPermutation, seededSample } from './seeded-sample.ts'
import { fitSpend, type SpendModel } from './spend-model.ts'
import { fitStandardiser, type Standardiser, standardise } from './standardiser.ts'

/** Fewer clients than this at a cutoff cannot support a model or its metrics. */
export const MIN_CLIENTS = 50
/** Each class needs at least this many clients, at each cutoff. */
export const MIN_PER_CLASS = 5
/**
 * The logistic regression learns from at most this many clients (a seeded sample): ample for thirteen
 * weights, and ml.js' matrix steps grow superlinearly beyond it.
 */
export const MAX_TRAIN_ROWS = 10_000

export interface PredictorOptions {
  horizonDays: number
  seed: number
  /** Written into every prediction row. */
  mlRunId: string
  steps?: number
  maxTrainRows?: number
  /**
   * A permutation test: the labels are shuffled among the clients (this seed) at every cutoff, so no
   * feature can relate to them and the held-out AUC must fall to chance. Tests only.
   */
  shuffleLabels?: number
  onProgress?: (fraction: number, label: string) => void
}

export interface ScoreMetrics {
  roc_auc: number
  log_loss: number
  brier: number
  precision_top_decile: number
  recall_top_decile: number
  spend_mae: number
}

export interface PredictorResult {
  cutoffs: { training: string; evaluation: string; reference: string }
  counts: {
    training_clients: number
    training_rows_fitted: number
    training_positive_rate: number
    evaluation_clients: number
    evaluation_positive_rate: number
    scored_clients: number
  }
  model: ScoreMetrics
  baseline: ScoreMetrics
  roc: { model: { fpr: number; tpr: number }[]; baseline: { fpr: number; tpr: number }[] }
  /** Standardised weights of the model that scored today's clients, by feature (intercept first). */
  weights: { feature: string; weight: number }[]
  standardiser: Standardiser
  predictions: pl.DataFrame
  topClients: PredictedClient[]
}

export const COMPARED_METRICS: readonly (Omit<MetricComparison, 'model' | 'baseline' | 'metric'> & {
  metric: keyof ScoreMetrics
})[] = [
  { metric: 'roc_auc', label: 'ROC AUC', better: 'higher' },
  { metric: 'log_loss', label: 'Log loss', better: 'lower' },
  { metric: 'brier', label: 'Brier score', better: 'lower' },
  { metric: 'precision_top_decile', label: 'Precision, top 10 %', better: 'higher' },
  { metric: 'recall_top_decile', label: 'Recall, top 10 %', better: 'higher' },
  { metric: 'spend_mae', label: 'Spend error (MAE)', better: 'lower' },
]

interface Fitted {
  standardiser: Standardiser
  classifier: LogisticModel
  spend: SpendModel
  rowsFitted: number
}

/** Clients with at least one purchase by the cutoff: "buying again" is asked of them. */
function customers(dataset: pl.DataFrame): pl.DataFrame {
  return dataset.filter(pl.col('total_orders_all').gt(0))
}

function day(micros: number): string {
  return formatTimestamp(micros).slice(0, 10)
}

function checkCutoff(dataset: pl.DataFrame, which: string, cutoff: number, horizonDays: number): void {
  const clients = dataset.height
  if (clients < MIN_CLIENTS) {
    throw new PipelineInputError(
      'too_few_clients',
      `predictor: only ${clients} client(s) had bought by the ${which} cutoff ${day(cutoff)}; at least ${MIN_CLIENTS} are needed: generate or load more data, or shorten the horizon (now ${horizonDays} days)`,
    )
  }
  const buyers = numbers(dataset, 'label_bought').filter((l) => l === 1).length
  if (Math.min(buyers, clients - buyers) < MIN_PER_CLASS) {
    const what = buyers < MIN_PER_CLASS ? `${buyers} bought` : `${clients - buyers} did not buy`
    throw new PipelineInputError(
      'single_class',
      `predictor: of the ${clients} clients at the ${which} cutoff ${day(cutoff)}, only ${what} within ${horizonDays} days: with (almost) one class there is nothing to learn or measure; change the horizon or use data with both kinds of clients`,
    )
  }
}

function fitModels(dataset: pl.DataFrame, options: PredictorOptions): Fitted {
  const sample = seededSample(dataset.height, options.maxTrainRows ?? MAX_TRAIN_ROWS, options.seed)
  const allRows = featureRows(dataset)
  const rows = sample.map((i) => allRows[i] as number[])
  const bought = numbers(dataset, 'label_bought')
  const amounts = numbers(dataset, 'label_amount')
  const labels = sample.map((i) => bought[i] as number)
  const standardiser = fitStandardiser(rows)
  const scaled = standardise(rows, standardiser)
  const classifier = fitLogistic(scaled, labels, { steps: options.steps ?? DEFAULT_LOGISTIC.steps })
  const buyers = labels.flatMap((l, k) => (l === 1 ? [k] : []))
  const spend = fitSpend(
    buyers.map((k) => scaled[k] as number[]),
    buyers.map((k) => amounts[sample[k] as number] as number),
  )
  return { standardiser, classifier, spend, rowsFitted: rows.length }
}

function score(fitted: Fitted, dataset: pl.DataFrame): { probability: number[]; spend: number[] } {
  const scaled = standardise(featureRows(dataset), fitted.standardiser)
  const probability = fitted.classifier.predict(scaled)
  const amount = fitted.spend.predict(scaled)
  return { probability, spend: probability.map((p, i) => p * (amount[i] ?? 0)) }
}

function measure(probability: number[], spend: number[], dataset: pl.DataFrame): ScoreMetrics {
  const labels = numbers(dataset, 'label_bought')
  const top = topDecile(probability, labels)
  return {
    roc_auc: rocAuc(probability, labels),
    log_loss: logLoss(probability, labels),
    brier: brier(probability, labels),
    precision_top_decile: top.precision,
    recall_top_decile: top.recall,
    spend_mae: meanAbsoluteError(spend, numbers(dataset, 'label_amount')),
  }
}

/** The dataset with its labels moved between clients by a seeded permutation (see `shuffleLabels`). */
function shuffledLabels(dataset: pl.DataFrame, seed: number | undefined): pl.DataFrame {
  if (seed === undefined) return dataset
  const order = seededPermutation(dataset.height, seed)
  return dataset.withColumns(
    ...LABEL_COLUMNS.map((c) => {
      const values = numbers(dataset, c)
      return pl.Series(
        c,
        order.map((i) => values[i] as number),
        pl.Float64,
      )
    }),
  )
}

function positiveRate(dataset: pl.DataFrame): number {
  const labels = numbers(dataset, 'label_bought')
  return labels.filter((l) => l === 1).length / Math.max(labels.length, 1)
}

export function trainPredictor(history: PurchaseHistory, options: PredictorOptions): PredictorResult {
  const { horizonDays } = options
  const progress = options.onProgress ?? (() => {})
  const reference = referenceMicros(history.fact)
  const evaluationCutoff = reference - horizonDays * MICROS_PER_DAY
  const trainingCutoff = evaluationCutoff - horizonDays * MICROS_PER_DAY
  const first = Number(history.fact.getColumn('date_achat').cast(pl.Int64).min())
  if (!(first <= trainingCutoff)) {
    const span = Math.floor((reference - first) / MICROS_PER_DAY)
    throw new PipelineInputError(
      'too_little_history',
      `predictor: the purchases span ${span} days (${day(first)} to ${day(reference)}); learning on one ${horizonDays}-day horizon and judging on the next needs more than ${2 * horizonDays}: shorten the horizon or load a longer history`,
    )
  }

  progress(0.1, 'predictor: features as of the training cutoff')
  const training = shuffledLabels(
    customers(datasetAsOf(history, trainingCutoff, horizonDays)),
    options.shuffleLabels,
  )
  checkCutoff(training, 'training', trainingCutoff, horizonDays)
  progress(0.25, 'predictor: features as of the evaluation cutoff')
  const evaluation = shuffledLabels(
    customers(datasetAsOf(history, evaluationCutoff, horizonDays)),
    options.shuffleLabels,
  )
  checkCutoff(evaluation, 'evaluation', evaluationCutoff, horizonDays)

  progress(0.4, 'predictor: fitting on the training cutoff')
  const backtest = fitModels(training, options)
  const predicted = score(backtest, evaluation)
  // The original's figures as gold computes them at the evaluation cutoff; its 12-month value scaled to the horizon.
  const heuristic = numbers(evaluation, 'prob_reachat_12m')
  const heuristicSpend = numbers(evaluation, 'expected_value_12m').map(
    (v) => (v * horizonDays) / HORIZON_DAYS,
  )
  const labels = numbers(evaluation, 'label_bought')

  progress(0.6, 'predictor: refitting on the latest labelled cutoff')
  const final = fitModels(evaluation, options)
  progress(0.75, 'predictor: scoring every client')
  const today = datasetAsOf(history, reference, horizonDays)
  const scored = score(final, today)
  const predictions = today
    .select('id_client', 'prob_reachat_12m', 'reference_date')
    .withColumns(
      pl.Series('prob_purchase', scored.probability, pl.Float64),
      pl.Series('expected_spend', scored.spend, pl.Float64),
      pl.Series('decile', deciles(scored.probability), pl.Int64),
      pl.lit(horizonDays).cast(pl.Int64).alias('horizon_days'),
      pl.lit(options.mlRunId).cast(PREDICTION_SCHEMA.ml_run_id).alias('ml_run_id'),
    )
    .select(...PREDICTION_COLUMNS)

  return {
    cutoffs: { training: day(trainingCutoff), evaluation: day(evaluationCutoff), reference: day(reference) },
    counts: {
      training_clients: training.height,
      training_rows_fitted: backtest.rowsFitted,
      training_positive_rate: positiveRate(training),
      evaluation_clients: evaluation.height,
      evaluation_positive_rate: positiveRate(evaluation),
      scored_clients: predictions.height,
    },
    model: measure(predicted.probability, predicted.spend, evaluation),
    baseline: measure(heuristic, heuristicSpend, evaluation),
    roc: { model: rocCurve(predicted.probability, labels), baseline: rocCurve(heuristic, labels) },
    weights: ['(intercept)', ...MODEL_FEATURES].map((feature, j) => ({
      feature,
      weight: final.classifier.weights[j] ?? 0,
    })),
    standardiser: final.standardiser,
    predictions,
    topClients: topClients(predictions),
  }
}

const TOP_CLIENTS = 20

function topClients(predictions: pl.DataFrame): PredictedClient[] {
  return predictions
    .sort(['prob_purchase', 'id_client'], [true, false])
    .head(TOP_CLIENTS)
    .select('id_client', 'prob_purchase', 'expected_spend', 'prob_reachat_12m')
    .toRecords()
    .map((r) => ({
      id_client: Number(r.id_client),
      prob_purchase: Number(r.prob_purchase),
      expected_spend: Number(r.expected_spend),
      prob_reachat_12m: Number(r.prob_reachat_12m),
    }))
}
