/** pandas' default quantile (linear interpolation at (n−1)·q); nodejs-polars defaults to 'nearest'. */
import pl from 'nodejs-polars'

export function quantileLinear(column: string | pl.Expr, q: number): pl.Expr {
  const expr = typeof column === 'string' ? pl.col(column) : column
  return expr.cast(pl.Float64).quantile(q, 'linear')
}
