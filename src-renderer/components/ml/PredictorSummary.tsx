/** The latest predictor: its held-out metrics against the heuristic, and the clients it expects back. */
import type { MlRunRecord, PredictedClient } from '../../../src-preload/contract-ml.ts'
import { fmt } from '../../format/index.ts'
import { formatMoney } from '../../pages/overview-format.ts'
import { formatDateTime } from '../../pages/run-summary.ts'
import { MetricComparisonChart } from './MetricComparisonChart.tsx'
import { MlflowRunLink } from './MlflowRunLink.tsx'
import { formatComparisonValue, formatMetric, winner } from './ml-format.ts'
import { TablePanel } from './TablePanel.tsx'

const COMPARISON_COLUMNS = [
  { key: 'label' as const, label: 'metric' },
  { key: 'model' as const },
  { key: 'baseline' as const, label: 'heuristic' },
  { key: 'better' as const },
]

const CLIENT_COLUMNS = [
  { key: 'id_client' as const },
  { key: 'prob_purchase' as const },
  { key: 'expected_spend' as const },
  { key: 'prob_reachat_12m' as const },
]

export function PredictorSummary({ run }: { run: MlRunRecord }) {
  const comparison = run.comparison ?? []
  const clients: readonly PredictedClient[] = run.topClients ?? []
  const best = (side: 'model' | 'baseline', c: (typeof comparison)[number]) =>
    `num${winner(c) === side ? ' ml-best' : ''}`
  return (
    <section className="ml-section" data-testid="ml-predictor">
      <TablePanel
        title={`Predictor: purchase within ${run.params.horizon_days ?? '?'} days`}
        name="predictor-metrics"
        rows={comparison}
        columns={COMPARISON_COLUMNS}
        aside={<MlflowRunLink run={run} />}
        intro={
          <p className="hint">
            Trained {formatDateTime(run.finishedAt)} on the gold of run <code>{run.dataVersion}</code>:
            learned as of {run.params.training_cutoff}, judged on {fmt.count(run.metrics.evaluation_clients)}{' '}
            clients as of {run.params.evaluation_cutoff}.
            {run.predictionsRunId ? ' Every client’s score is served as client_predictions.' : ''}
          </p>
        }
        head={
          <>
            <th>metric</th>
            <th className="num">model</th>
            <th className="num">heuristic</th>
            <th>better</th>
          </>
        }
      >
        {comparison.map((c) => (
          <tr key={c.metric} data-metric={c.metric} data-winner={winner(c) ?? 'tie'}>
            <td>{c.label}</td>
            <td className={best('model', c)}>{formatComparisonValue(c, c.model)}</td>
            <td className={best('baseline', c)}>{formatComparisonValue(c, c.baseline)}</td>
            <td className="muted">{c.better}</td>
          </tr>
        ))}
      </TablePanel>
      <div className="ml-grid">
        <MetricComparisonChart comparison={comparison} />
        <TablePanel
          title="Most likely to buy"
          name="predictor-top-clients"
          rows={clients}
          columns={CLIENT_COLUMNS}
          head={
            <>
              <th>client</th>
              <th className="num">probability</th>
              <th className="num">expected spend</th>
              <th className="num">heuristic</th>
            </>
          }
        >
          {clients.map((c) => (
            <tr key={c.id_client}>
              <td>{c.id_client}</td>
              <td className="num">{formatMetric(c.prob_purchase)}</td>
              <td className="num">{formatMoney(c.expected_spend)}</td>
              <td className="num">{formatMetric(c.prob_reachat_12m)}</td>
            </tr>
          ))}
        </TablePanel>
      </div>
    </section>
  )
}
