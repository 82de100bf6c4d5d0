/** Whether MLflow answers: a link to its UI when it does, what to do (start it) when it does not. */
import type { MlflowStatus } from '../../../src-preload/contract-ml.ts'
import { TextWithCode } from '../app/TextWithCode.tsx'

export function MlflowStatusNote({ status }: { status: MlflowStatus }) {
  if (status.reachable && status.uri) {
    return (
      <p className="muted ml-mlflow-ok" data-testid="mlflow-status" data-reachable="true">
        Runs are tracked in MLflow at{' '}
        <a href={status.uri} target="_blank" rel="noopener noreferrer">
          {status.uri}
        </a>{' '}
        ({status.source}).
      </p>
    )
  }
  return (
    <section className="banner" data-testid="mlflow-status" data-reachable="false">
      <p className="banner-title">{status.uri ? 'MLflow does not answer' : 'MLflow is not configured'}</p>
      {/* The core quotes commands and variables in backticks: shown as code, not as literal backticks. */}
      <p>
        <TextWithCode text={status.detail} />
      </p>
    </section>
  )
}
