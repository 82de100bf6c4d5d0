/**
 * Standardisation (z-scores) fitted on training rows only and then applied to any rows, so nothing of
 * the evaluation data leaks into the model through its scaling.
 */

export interface Standardiser {
  means: number[]
  /** Population standard deviations; 1 for a constant column (it then stays 0 after scaling). */
  scales: number[]
}

export function fitStandardiser(rows: readonly (readonly number[])[]): Standardiser {
  const width = rows[0]?.length ?? 0
  const means = new Array<number>(width).fill(0)
  const squares = new Array<number>(width).fill(0)
  for (const row of rows) for (let j = 0; j < width; j++) means[j] = (means[j] ?? 0) + (row[j] ?? 0)
  for (let j = 0; j < width; j++) means[j] = (means[j] ?? 0) / Math.max(rows.length, 1)
  for (const row of rows) {
    for (let j = 0; j < width; j++) squares[j] = (squares[j] ?? 0) + ((row[j] ?? 0) - (means[j] ?? 0)) ** 2
  }
  const scales = squares.map((s) => {
    const std = Math.sqrt(s / Math.max(rows.length, 1))
    return std > 1e-12 ? std : 1
  })
  return { means, scales }
}

export function standardise(rows: readonly (readonly number[])[], s: Standardiser): number[][] {
  return rows.map((row) => row.map((v, j) => (v - (s.means[j] ?? 0)) / (s.scales[j] ?? 1)))
}
