/**
 * How much a client spends in the horizon when they buy: ridge regression (ml-matrix's solver) on the
 * same standardised features, fitted on the clients who bought. Expected spend = P(buy) × this amount.
 */
import { Matrix, solve } from 'ml-matrix'

/** Shrinks the weights a little: correlated features (12-month and all-time totals) stay stable. */
const RIDGE = 1

export interface SpendModel {
  predict(rows: readonly (readonly number[])[]): number[]
}

export function fitSpend(rows: readonly (readonly number[])[], amounts: readonly number[]): SpendModel {
  const width = (rows[0]?.length ?? 0) + 1
  const mean = amounts.reduce((a, b) => a + b, 0) / Math.max(amounts.length, 1)
  // Too few buyers to fit every weight: the average amount is the honest answer.
  if (rows.length <= width) return { predict: (batch) => batch.map(() => mean) }
  const x = new Matrix(rows.map((row) => [1, ...row]))
  const xt = x.transpose()
  const gram = xt.mmul(x)
  for (let j = 1; j < width; j++) gram.set(j, j, gram.get(j, j) + RIDGE)
  const weights = solve(gram, xt.mmul(Matrix.columnVector([...amounts]))).getColumn(0)
  return {
    predict: (batch) =>
      batch.map((row) =>
        Math.max(
          0,
          row.reduce((sum, v, j) => sum + v * (weights[j + 1] ?? 0), weights[0] ?? 0),
        ),
      ),
  }
}
