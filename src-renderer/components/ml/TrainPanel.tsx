/** Starts a training (the predictor with its horizon, or the advisor with its k) and follows its task. */
import { useState } from 'react'
import {
  ML_DEFAULTS,
  ML_LIMITS,
  ML_MODELS,
  ML_TASK_KIND,
  type MlModel,
} from '../../../src-preload/names-ml.ts'
import { useTasks } from '../../api/hooks.ts'
import { useTrainModel } from '../../api/ml-hooks.ts'
import { ErrorNote } from '../ErrorNote.tsx'
import { TaskCard } from '../tasks/TaskCard.tsx'
import { NumberField } from './NumberField.tsx'

const MODEL_HINTS: Record<MlModel, string> = {
  predictor:
    'Logistic regression: will each client buy within the horizon? Learned on one cutoff, judged on the next against the original heuristic; scores go to gold as client_predictions.',
  advisor:
    'k-means on recency, frequency and spend, with the original’s business labels, actions and clients to contact.',
}

/** A whole number within bounds, or the default when the field is not one. */
function bounded(text: string, limits: { min: number; max: number }, fallback: number): number {
  const n = Number(text)
  return Number.isInteger(n) && n >= limits.min && n <= limits.max ? n : fallback
}

export function TrainPanel() {
  const [model, setModel] = useState<MlModel>('predictor')
  const [horizon, setHorizon] = useState(String(ML_DEFAULTS.horizonDays))
  const [clusters, setClusters] = useState(String(ML_DEFAULTS.clusters))
  const train = useTrainModel()
  const tasks = useTasks()
  const latest = tasks.data?.find((t) => t.kind === ML_TASK_KIND)
  const running = latest?.state === 'running'
  const start = () =>
    train.mutate({
      model,
      horizonDays: bounded(horizon, ML_LIMITS.horizonDays, ML_DEFAULTS.horizonDays),
      clusters: bounded(clusters, ML_LIMITS.clusters, ML_DEFAULTS.clusters),
    })
  return (
    <section className="panel" data-testid="ml-train">
      <h2>Train</h2>
      <div className="run-controls">
        <label className="field">
          Model
          <select value={model} onChange={(e) => setModel(e.target.value as MlModel)} data-testid="ml-model">
            {ML_MODELS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        {model === 'predictor' ? (
          <NumberField
            label="Horizon (days)"
            value={horizon}
            limits={ML_LIMITS.horizonDays}
            onChange={setHorizon}
          />
        ) : (
          <NumberField
            label="Clusters (k)"
            value={clusters}
            limits={ML_LIMITS.clusters}
            onChange={setClusters}
          />
        )}
        <button
          type="button"
          className="button button-primary"
          data-testid="ml-train-start"
          disabled={running || train.isPending}
          onClick={start}
        >
          {running ? 'Training…' : `Train the ${model}`}
        </button>
      </div>
      <p className="hint ml-hint">
        {MODEL_HINTS[model]} It runs in the background; the window stays responsive.
      </p>
      <ErrorNote error={train.error} />
      {latest ? (
        <div className="ml-task">
          <TaskCard task={latest} />
        </div>
      ) : null}
    </section>
  )
}
