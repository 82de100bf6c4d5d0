/** Every recorded training, newest first: its headline figure against the baseline and its MLflow link. */
import type { MlRunRecord } from '../../../src-preload/contract-ml.ts'
import { formatDateTime } from '../../pages/run-summary.ts'
import { catalogColumns, ML_TRAINING_LABELS } from '../export/column-labels.ts'
import { MlflowRunLink } from './MlflowRunLink.tsx'
import { formatMetric } from './ml-format.ts'
import { TablePanel } from './TablePanel.tsx'

/** A training as the CSV export writes it. */
interface RunRow {
  id: string
  startedAt: string
  model: string
  status: string
  dataVersion: string
  headline: string
  mlflow: string
}

const COLUMNS = catalogColumns<RunRow>(ML_TRAINING_LABELS)
const L = ML_TRAINING_LABELS

function headline(run: MlRunRecord): string {
  if (run.status !== 'finished') return run.error ?? run.status
  if (run.model === 'predictor') {
    return `AUC ${formatMetric(run.metrics.model_roc_auc)} vs heuristic ${formatMetric(run.metrics.baseline_roc_auc)}`
  }
  return `silhouette ${formatMetric(run.metrics.silhouette)}, ${run.segments?.length ?? 0} clusters`
}

export function MlRunsTable({ runs }: { runs: readonly MlRunRecord[] }) {
  const rows: RunRow[] = runs.map((r) => ({
    id: r.id,
    startedAt: r.startedAt,
    model: r.model,
    status: r.status,
    dataVersion: r.dataVersion ?? '',
    headline: headline(r),
    mlflow: r.mlflow?.url ?? r.mlflowNote ?? '',
  }))
  return (
    <TablePanel
      title="Trainings"
      name="ml-trainings"
      rows={rows}
      columns={COLUMNS}
      testId="ml-runs"
      empty={
        <p className="muted">
          No training yet in this data folder: train the predictor or the advisor above.
        </p>
      }
      head={
        <>
          <th>{L.startedAt}</th>
          <th>{L.model}</th>
          <th>{L.status}</th>
          <th>{L.dataVersion}</th>
          <th>{L.headline}</th>
          <th>{L.mlflow}</th>
        </>
      }
    >
      {runs.map((run, i) => (
        <tr key={run.id} data-status={run.status} data-model={run.model}>
          <td title={run.id}>{formatDateTime(run.startedAt)}</td>
          <td>{run.model}</td>
          <td>
            <span className={`badge badge-${run.status === 'finished' ? 'succeeded' : 'failed'}`}>
              {run.status}
            </span>
          </td>
          <td>
            <code>{run.dataVersion ?? '—'}</code>
          </td>
          <td>{rows[i]?.headline}</td>
          <td>
            <MlflowRunLink run={run} />
          </td>
        </tr>
      ))}
    </TablePanel>
  )
}
