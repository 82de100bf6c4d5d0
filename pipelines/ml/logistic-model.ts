/**
 * The predictor's classifier: ml.js logistic regression on standardised features plus an intercept.
 * The library trains one-vs-all classifiers (two for two classes, twice the work) and steps along the
 * summed gradient; we train its single binary classifier directly, with a step scaled by the row count
 * so the same settings converge at any size.
 */
import LogisticRegression, { type BinaryLogisticRegression } from 'ml-logistic-regression'
import { Matrix } from 'ml-matrix'

export interface LogisticSettings {
  /** Gradient steps. */
  steps: number
}

export const DEFAULT_LOGISTIC: LogisticSettings = { steps: 300 }

export interface LogisticModel {
  /** [intercept, one weight per feature]. */
  weights: number[]
  predict(rows: readonly (readonly number[])[]): number[]
}

function withIntercept(rows: readonly (readonly number[])[]): Matrix {
  return new Matrix(rows.map((row) => [1, ...row]))
}

function binaryClassifier(steps: number, learningRate: number): BinaryLogisticRegression {
  const model = LogisticRegression.load({
    name: 'LogisticRegression',
    numSteps: steps,
    learningRate,
    numberClasses: 1,
    classifiers: [{ numSteps: steps, learningRate, weights: null }],
  })
  const classifier = model.classifiers[0]
  if (!classifier) throw new Error('ml-logistic-regression: no binary classifier after load')
  return classifier
}

/**
 * Fits P(label = 1 | row). With standardised columns (the intercept counted) the mean log-loss has
 * curvature at most columns / 4, so a mean-gradient step of 4 / columns never overshoots.
 */
export function fitLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  settings: LogisticSettings = DEFAULT_LOGISTIC,
): LogisticModel {
  const columns = (rows[0]?.length ?? 0) + 1
  const classifier = binaryClassifier(settings.steps, 4 / (columns * Math.max(rows.length, 1)))
  classifier.train(withIntercept(rows), Matrix.columnVector([...labels]))
  return {
    weights: classifier.weights?.getRow(0) ?? new Array<number>(columns).fill(0),
    predict: (batch) => (batch.length === 0 ? [] : classifier.testScores(withIntercept(batch))),
  }
}
