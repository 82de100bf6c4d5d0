/**
 * The training's run in MLflow's UI. A plain anchor: a browser opens a new tab, the desktop window hands
 * allowed local addresses to the system browser. Without a run, why it is not tracked.
 */
import type { MlRunRecord } from '../../../src-preload/contract-ml.ts'

export function MlflowRunLink({ run }: { run: MlRunRecord }) {
  if (!run.mlflow) {
    return (
      <span className="muted" title={run.mlflowNote}>
        not in MLflow
      </span>
    )
  }
  const missing = run.mlflow.status === 'missing'
  return (
    <span className="ml-link">
      <a href={run.mlflow.url} target="_blank" rel="noopener noreferrer" data-testid="mlflow-run-link">
        Open in MLflow
      </a>
      {run.mlflow.status && !missing ? (
        <span className="muted"> · {run.mlflow.status.toLowerCase()}</span>
      ) : null}
      {missing ? <span className="muted"> · deleted in MLflow</span> : null}
    </span>
  )
}
