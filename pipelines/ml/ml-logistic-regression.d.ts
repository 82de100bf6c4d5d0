/** Types for ml-logistic-regression 2.0.0, which ships none: the parts Medallion uses. */
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix'

  /** One binary classifier: gradient ascent on the log-likelihood, no intercept of its own. */
  export interface BinaryLogisticRegression {
    numSteps: number
    learningRate: number
    weights: Matrix | null
    /** `target` is a column vector of 0/1; the scores it then gives are P(target = 1). */
    train(features: Matrix, target: Matrix): void
    testScores(features: Matrix): number[]
  }

  export interface LogisticRegressionModel {
    name: 'LogisticRegression'
    numSteps: number
    learningRate: number
    numberClasses: number
    classifiers: { numSteps: number; learningRate: number; weights: number[][] | null }[]
  }

  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number })
    classifiers: BinaryLogisticRegression[]
    numberClasses: number
    train(X: Matrix, Y: Matrix): void
    predict(X: Matrix): number[]
    static load(model: LogisticRegressionModel): LogisticRegression
    toJSON(): LogisticRegressionModel
  }
}
