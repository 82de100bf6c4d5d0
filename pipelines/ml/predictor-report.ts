/** The predictor's Markdown report: what was learned from what, how it did against the heuristic, whom to call. */
import type { MetricComparison } from '../../src-preload/contract-ml.ts'
import { fixed, markdownTable } from './markdown-table.ts'
import type { PredictorResult } from './predictor.ts'

export function predictorReport(
  result: PredictorResult,
  comparison: MetricComparison[],
  horizonDays: number,
): string {
  const { cutoffs, counts } = result
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`
  return [
    `# Predictor: purchase within ${horizonDays} days`,
    '',
    `Logistic regression (ml.js) on ${result.weights.length - 1} standardised features of gold, learned as of`,
    `${cutoffs.training} (labels: purchases up to ${cutoffs.evaluation}) and judged as of ${cutoffs.evaluation}`,
    `(labels: purchases up to ${cutoffs.reference}). The baseline is the original's \`prob_reachat_12m\`,`,
    'recomputed by gold’s own code as of the same cutoff, on the same clients.',
    '',
    `- Training: ${counts.training_clients} clients (${counts.training_rows_fitted} fitted), ${pct(counts.training_positive_rate)} bought`,
    `- Evaluation: ${counts.evaluation_clients} clients, ${pct(counts.evaluation_positive_rate)} bought`,
    `- Scored as of ${cutoffs.reference}: ${counts.scored_clients} clients (gold table \`client_predictions\`)`,
    '',
    '## Held-out metrics',
    '',
    markdownTable(
      ['metric', 'model', 'heuristic', 'better'],
      comparison.map((c) => [c.label, fixed(c.model, 4), fixed(c.baseline, 4), c.better]),
    ),
    '',
    '## Weights (standardised features, log(1 + x))',
    '',
    markdownTable(
      ['feature', 'weight'],
      result.weights.map((w) => [w.feature, fixed(w.weight, 4)]),
    ),
    '',
    '## Most likely to buy',
    '',
    markdownTable(
      ['id_client', 'prob_purchase', `expected spend (${horizonDays} d)`, 'prob_reachat_12m'],
      result.topClients.map((c) => [
        c.id_client,
        fixed(c.prob_purchase),
        fixed(c.expected_spend, 2),
        fixed(c.prob_reachat_12m),
      ]),
    ),
    '',
  ].join('\n')
}
