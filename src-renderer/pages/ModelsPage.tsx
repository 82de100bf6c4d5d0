/**
 * Models: train the predictor (will a client buy again soon, against the original's heuristic) and the
 * advisor (segments, actions, whom to contact), see their latest results and every training with its run
 * in MLflow — or how to start MLflow when it is not there.
 */
import { useMlRuns, useMlRunsRefresh } from '../api/ml-hooks.ts'
import { ErrorNote } from '../components/ErrorNote.tsx'
import { AdvisorSummary } from '../components/ml/AdvisorSummary.tsx'
import { MlflowStatusNote } from '../components/ml/MlflowStatusNote.tsx'
import { MlRunsTable } from '../components/ml/MlRunsTable.tsx'
import { PredictorSummary } from '../components/ml/PredictorSummary.tsx'
import { TrainPanel } from '../components/ml/TrainPanel.tsx'
import './ModelsPage.css'

export function ModelsPage() {
  useMlRunsRefresh()
  const runs = useMlRuns()
  const data = runs.data
  const latest = (model: 'predictor' | 'advisor') =>
    data?.runs.find((r) => r.model === model && r.status === 'finished')
  const predictor = latest('predictor')
  const advisor = latest('advisor')
  return (
    <div className="page" data-testid="page-models">
      <div className="page-head">
        <h1>Models</h1>
        <span className="muted">Trained on the current gold; each training is a run in MLflow.</span>
      </div>
      <ErrorNote error={runs.error} />
      {data ? <MlflowStatusNote status={data.mlflow} /> : null}
      <TrainPanel />
      {predictor ? <PredictorSummary run={predictor} /> : null}
      {advisor ? <AdvisorSummary run={advisor} /> : null}
      {data ? <MlRunsTable runs={data.runs} /> : null}
    </div>
  )
}
