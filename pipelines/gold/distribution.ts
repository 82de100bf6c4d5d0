/**
 * §6.4 distribution: histogram of fact `montant` into equal-width bins with pandas `cut(x, bins=12)`
 * semantics — numpy linspace edges, the first edge lowered by 0.1 % of the range (or both ends widened by
 * 0.1 % when min = max), right-closed intervals, labels `(left, right]` with edges rounded to 3 decimals
 * (more when needed to keep them distinct) printed as Python floats. Unlike the original (rows sorted as
 * label text), rows are in numeric order with a `bin` index; empty bins are kept with count 0.
 */
import pl from 'nodejs-polars'
import { numpyAround, pythonFloatRepr } from '../python-float.ts'
import { DISTRIBUTION_COLUMNS } from './columns.ts'
import { lastKey, once } from './memo.ts'
import { collectStreaming } from './streaming-collect.ts'

export const DISTRIBUTION_BINS = 12

/** pandas `_nbins_to_bins`: numpy `linspace(min, max, n + 1)` with pandas' range adjustment. */
export function cutEdges(min: number, max: number, bins = DISTRIBUTION_BINS): number[] {
  let start = min
  let stop = max
  if (min === max) {
    start = min !== 0 ? min - 0.001 * Math.abs(min) : min - 0.001
    stop = max !== 0 ? max + 0.001 * Math.abs(max) : max + 0.001
  }
  const step = (stop - start) / bins
  const edges = Array.from({ length: bins + 1 }, (_, i) => i * step + start)
  edges[bins] = stop
  if (min !== max) edges[0] = (edges[0] as number) - (max - min) * 0.001
  return edges
}

/** pandas `_round_frac`: `precision` significant decimals after the leading zeros of numbers below 1. */
export function roundFrac(x: number, precision: number): number {
  if (!Number.isFinite(x) || x === 0) return x
  const whole = Math.trunc(x)
  const digits = whole === 0 ? -Math.floor(Math.log10(Math.abs(x - whole))) - 1 + precision : precision
  return numpyAround(x, digits)
}

/** pandas `_infer_precision`: the smallest precision from 3 up that keeps every rounded edge distinct. */
export function inferPrecision(edges: number[], base = 3): number {
  for (let precision = base; precision < 20; precision++) {
    const levels = new Set(edges.map((e) => roundFrac(e, precision)))
    if (levels.size === edges.length) return precision
  }
  return base
}

/** The interval labels pandas prints for these edges: `(9.53, 50.851]`. */
export function cutLabels(edges: number[]): string[] {
  const precision = inferPrecision(edges)
  const rounded = edges.map((e) => roundFrac(e, precision))
  return rounded
    .slice(1)
    .map((right, i) => `(${pythonFloatRepr(rounded[i] as number)}, ${pythonFloatRepr(right)}]`)
}

/** The expressions every distribution uses, whatever its edges. */
const binExprs = once(() => ({
  range: [pl.col('montant').min().alias('min'), pl.col('montant').max().alias('max')],
  key: pl.col('bin'),
  count: pl.col('bin').count().cast(pl.Int64).alias('count'),
  fill: pl.col('count').fillNull(0).cast(pl.Int64),
  // readRecords infers Int64 for whole-number values: pin the types.
  labelTypes: [
    pl.col('bin').cast(pl.Int64),
    pl.col('bucket').cast(pl.Utf8),
    pl.col('lower').cast(pl.Float64),
    pl.col('upper').cast(pl.Float64),
  ],
  columns: DISTRIBUTION_COLUMNS.map((c) => pl.col(c)),
}))

/**
 * The labels of these edges, and the bin of each amount: the number of inner edges strictly below it
 * (right-closed intervals), the edges as literals. Every value lies in (edges[0], edges[n]] since the edges
 * span min..max with the first one lowered.
 */
const binTables = lastKey((key: string) => {
  const [min, max, bins] = key.split('|').map(Number) as [number, number, number]
  const e = binExprs()
  const edges = cutEdges(min, max, bins)
  const labels = cutLabels(edges)
  const labelRows = labels.map((bucket, bin) => ({ bin, bucket, lower: edges[bin], upper: edges[bin + 1] }))
  return {
    labels: pl.readRecords(labelRows).select(...e.labelTypes),
    bin: edges
      .slice(1, -1)
      .map((edge) => pl.col('montant').gt(pl.lit(edge)).cast(pl.Int64))
      .reduce((acc, next) => acc.plus(next), pl.lit(0).cast(pl.Int64))
      .alias('bin'),
  }
})

/** bin (Int64, 0..bins−1, numeric order), bucket (pandas label), count (Int64, 0 for empty bins), lower, upper. */
export function buildDistribution(fact: pl.DataFrame, bins = DISTRIBUTION_BINS): pl.DataFrame {
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`gold: bad bin count ${bins}`)
  const e = binExprs()
  const [min, max] = fact
    .lazy()
    .select(...e.range)
    .collectSync()
    .row(0) as [number | null, number | null]
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) {
    throw new Error('gold: distribution needs at least one finite amount')
  }
  const tables = binTables(`${min}|${max}|${bins}`)
  const counts = collectStreaming(fact.lazy().select(tables.bin).groupBy(e.key).agg(e.count))
  return tables.labels
    .lazy()
    .join(counts.lazy(), { on: 'bin', how: 'left' })
    .withColumns(e.fill)
    .sort('bin')
    .select(...e.columns)
    .collectSync()
}
