/** A predictor training in the worker: reads gold, trains and evaluates, writes the predictions and artifacts. */
import { join } from 'node:path'
import pl from 'nodejs-polars'
import type { MetricComparison } from '../../src-preload/contract-ml.ts'
import { ArtifactFiles } from './artifact-files.ts'
import { MODEL_FEATURES } from './feature-matrix.ts'
import { DEFAULT_LOGISTIC } from './logistic-model.ts'
import { PREDICTIONS_TABLE } from './prediction-columns.ts'
import { COMPARED_METRICS, MAX_TRAIN_ROWS, trainPredictor } from './predictor.ts'
import { predictorReport } from './predictor-report.ts'
import { unitLinesSvg } from './svg-plot.ts'
import type { TrainJob, TrainOutcome } from './train-job.ts'

export function runPredictorJob(
  job: TrainJob,
  progress: (fraction: number, label: string) => void,
): TrainOutcome {
  progress(0.02, 'predictor: reading gold')
  const fact = pl.readParquet(join(job.goldDir, 'fact_achats.parquet'), {
    columns: ['id_achat', 'id_client', 'date_achat', 'montant', 'produit'],
  })
  const clients = pl.readParquet(join(job.goldDir, 'dim_clients.parquet'), { columns: ['id_client'] })
  const result = trainPredictor(
    { fact, clients },
    { horizonDays: job.horizonDays, seed: job.seed, mlRunId: job.mlRunId, onProgress: progress },
  )

  progress(0.9, 'predictor: writing predictions and report')
  const files = new ArtifactFiles(job.outDir)
  const started = performance.now()
  const predictionsFile = `${PREDICTIONS_TABLE}.parquet`
  result.predictions.writeParquet(join(job.outDir, predictionsFile), { compression: 'zstd' })
  const writeMs = performance.now() - started

  const comparison: MetricComparison[] = COMPARED_METRICS.map((m) => ({
    ...m,
    model: result.model[m.metric],
    baseline: result.baseline[m.metric],
  }))
  const params: Record<string, string> = {
    model: 'logistic_regression',
    library: 'ml-logistic-regression 2.0.0',
    horizon_days: String(job.horizonDays),
    seed: String(job.seed),
    gradient_steps: String(DEFAULT_LOGISTIC.steps),
    max_train_rows: String(MAX_TRAIN_ROWS),
    features: MODEL_FEATURES.join(','),
    training_cutoff: result.cutoffs.training,
    evaluation_cutoff: result.cutoffs.evaluation,
    reference_date: result.cutoffs.reference,
    baseline: 'prob_reachat_12m (gold heuristic as of the evaluation cutoff)',
  }
  const metrics: Record<string, number> = { ...result.counts }
  for (const c of comparison) {
    metrics[`model_${c.metric}`] = c.model
    metrics[`baseline_${c.metric}`] = c.baseline
  }

  files.text('report.md', predictorReport(result, comparison, job.horizonDays))
  files.json('metrics.json', {
    cutoffs: result.cutoffs,
    counts: result.counts,
    model: result.model,
    baseline: result.baseline,
  })
  files.json('model.json', {
    kind: 'logistic_regression',
    features: MODEL_FEATURES,
    transform: 'log1p, then (x - mean) / scale',
    standardiser: result.standardiser,
    weights: result.weights,
  })
  files.text(
    'plots/roc.svg',
    unitLinesSvg(
      `ROC as of ${result.cutoffs.evaluation} (purchase within ${job.horizonDays} days)`,
      { x: 'false positive rate', y: 'true positive rate' },
      [
        {
          name: `model (AUC ${result.model.roc_auc.toFixed(3)})`,
          points: result.roc.model.map((p) => ({ x: p.fpr, y: p.tpr })),
        },
        {
          name: `heuristic (AUC ${result.baseline.roc_auc.toFixed(3)})`,
          points: result.roc.baseline.map((p) => ({ x: p.fpr, y: p.tpr })),
        },
      ],
    ),
  )
  files.csv('top_clients.csv', result.topClients as unknown as Record<string, number>[])

  return {
    summary: `ROC AUC ${result.model.roc_auc.toFixed(3)} (heuristic ${result.baseline.roc_auc.toFixed(3)}) on ${result.counts.evaluation_clients} clients as of ${result.cutoffs.evaluation}; ${result.counts.scored_clients} clients scored`,
    params,
    metrics,
    comparison,
    topClients: result.topClients,
    artifacts: files.written,
    predictions: { file: predictionsFile, rows: result.predictions.height, ms: writeMs },
  }
}
