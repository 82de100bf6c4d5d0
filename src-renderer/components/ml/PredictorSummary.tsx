/** The latest predictor: its held-out metrics against the heuristic, and the clients it expects back. */
import type { MetricComparison, MlRunRecord, PredictedClient } from '../../../src-preload/contract-ml.ts'
import { useClientIdentities } from '../../api/insights-hooks.ts'
import { fmt } from '../../format/index.ts'
import { formatMoney } from '../../pages/overview-format.ts'
import { formatDateTime } from '../../pages/run-summary.ts'
import { catalogColumns, METRIC_COMPARISON_LABELS, PREDICTED_CLIENT_LABELS } from '../export/column-labels.ts'
import { ClientIdentity } from '../insights/ClientIdentity.tsx'
import { MetricComparisonChart } from './MetricComparisonChart.tsx'
import { MlflowRunLink } from './MlflowRunLink.tsx'
import { formatComparisonValue, formatMetric, winner } from './ml-format.ts'
import { TablePanel } from './TablePanel.tsx'

/** A client the predictor expects back, with their name and country. */
type ClientRow = PredictedClient & { nom: string; pays: string }

const COMPARISON_COLUMNS = catalogColumns<MetricComparison>(METRIC_COMPARISON_LABELS)
const CLIENT_COLUMNS = catalogColumns<ClientRow>(PREDICTED_CLIENT_LABELS)
const M = METRIC_COMPARISON_LABELS
const P = PREDICTED_CLIENT_LABELS

export function PredictorSummary({ run }: { run: MlRunRecord }) {
  const comparison = run.comparison ?? []
  const identities = useClientIdentities((run.topClients ?? []).map((c) => c.id_client))
  const clients: ClientRow[] = (run.topClients ?? []).map((c) => ({
    ...c,
    nom: identities.get(c.id_client)?.nom ?? '',
    pays: identities.get(c.id_client)?.pays ?? '',
  }))
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
            <th>{M.label}</th>
            <th className="num">{M.model}</th>
            <th className="num">{M.baseline}</th>
            <th>{M.better}</th>
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
              <th>{P.id_client}</th>
              <th className="num">{P.prob_purchase}</th>
              <th className="num">{P.expected_spend}</th>
              <th className="num">{P.prob_reachat_12m}</th>
            </>
          }
        >
          {clients.map((c) => (
            <tr key={c.id_client}>
              <td>
                {c.id_client}
                <ClientIdentity identity={identities.get(c.id_client)} />
              </td>
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
