/** §4.5 client_scores: features + re-purchase propensity, 12-month values and an RFM segment. */

import pl from 'nodejs-polars'
import { FEATURE_COLUMNS, SCORE_COLUMNS } from './columns.ts'
import { HORIZON_COLUMN, withParams } from './day-count.ts'
import { exactDiv } from './exact-div.ts'
import { once } from './memo.ts'
import { quantileLinear } from './quantile.ts'

/** In rule order: the first matching rule wins, `A potentiel` is the fallback. */
export const SEGMENTS = ['VIP', 'Actifs', 'A relancer', 'Dormants', 'A potentiel'] as const
export type Segment = (typeof SEGMENTS)[number]

export const VIP_PROB = 0.65
export const ACTIVE_PROB = 0.55

/** (x − min) / (max − min) clipped to [0, 1] over all rows; 0.0 everywhere when max = min. */
export function minmax(x: pl.Expr): pl.Expr {
  const value = x.cast(pl.Float64)
  return pl
    .when(value.max().eq(value.min()))
    .then(pl.lit(0.0))
    .otherwise(exactDiv(value.minus(value.min()), value.max().minus(value.min())).clip(0, 1))
}

function lowerOf(a: pl.Expr, b: pl.Expr): pl.Expr {
  return pl.when(a.gt(b)).then(b).otherwise(a)
}

function higherOf(a: pl.Expr, b: pl.Expr): pl.Expr {
  return pl.when(a.lt(b)).then(b).otherwise(a)
}

const exprs = once(() => {
  const freq = pl.col('freq_12m').cast(pl.Float64)
  const recency = pl.col('recency_days').cast(pl.Float64)
  const monetary = pl.col('monetary_12m')
  const horizon = pl.col(HORIZON_COLUMN).cast(pl.Float64)
  const horizonScalar = horizon.first()

  const f = minmax(lowerOf(freq, quantileLinear('freq_12m', 0.95)))
  const r = pl.lit(1.0).minus(minmax(lowerOf(recency, horizon)))
  const m = minmax(higherOf(monetary, pl.lit(0.0)))
  const d = minmax(pl.col('product_diversity_12m'))
  // Left to right, as the original: ((0.45·f + 0.30·r) + 0.15·m) + 0.10·d.
  const prob = pl
    .lit(0.45)
    .mul(f)
    .plus(pl.lit(0.3).mul(r))
    .plus(pl.lit(0.15).mul(m))
    .plus(pl.lit(0.1).mul(d))
    .clip(0, 1)
    .fillNan(0)
    .fillNull(0)
  // clip(max(tenure, 1) / 30, lower 1, upper horizon / 30), lower bound applied first as pandas does.
  const monthsActive = lowerOf(
    higherOf(
      exactDiv(higherOf(pl.col('tenure_days').cast(pl.Float64), pl.lit(1.0)), pl.lit(30.0)),
      pl.lit(1.0),
    ),
    exactDiv(horizon, pl.lit(30.0)),
  )

  // Thresholds over all rows, with the original's fallbacks for an empty table.
  const monHi = quantileLinear('monetary_12m', 0.75).fillNull(0)
  const recHi = quantileLinear('recency_days', 0.75).fillNull(horizonScalar)
  const recLo = quantileLinear('recency_days', 0.25).fillNull(exactDiv(horizonScalar, pl.lit(4.0)))
  const freqHi = quantileLinear('freq_12m', 0.75).fillNull(0)
  const dormantFreq = higherOf(pl.lit(1.0), pl.lit(0.5).mul(freqHi))
  const p = pl.col('prob_reachat_12m')
  const segment = pl
    .when(p.gtEq(VIP_PROB).and(monetary.gtEq(monHi)))
    .then(pl.lit('VIP'))
    .when(p.gtEq(ACTIVE_PROB).and(recency.ltEq(recLo)))
    .then(pl.lit('Actifs'))
    .when(monetary.gtEq(monHi).and(recency.gt(recHi)))
    .then(pl.lit('A relancer'))
    .when(freq.ltEq(dormantFreq).and(recency.gt(recHi)))
    .then(pl.lit('Dormants'))
    .otherwise(pl.lit('A potentiel'))

  return {
    features: FEATURE_COLUMNS.map((c) => pl.col(c)),
    stage1: [prob.alias('prob_reachat_12m'), monthsActive.alias('_months_active')],
    stage2: [
      monetary.div(pl.col('_months_active')).mul(pl.lit(12.0)).mul(p).alias('expected_value_12m'),
      monetary.mul(pl.lit(1.0).minus(p)).alias('value_at_risk_12m'),
      segment.alias('segment_label'),
    ],
    columns: SCORE_COLUMNS.map((c) => pl.col(c)),
  }
})

/**
 * The score formula in the original's operation order (so the 0.65 / 0.55 thresholds see the same doubles):
 *   f = minmax(min(freq, Q.95 freq)), r = 1 − minmax(min(recency, horizon)), m = minmax(max(monetary, 0)),
 *   d = minmax(diversity); prob = clip(0.45·f + 0.30·r + 0.15·m + 0.10·d, 0, 1), NaN → 0;
 *   months_active = clip(max(tenure, 1) / 30, 1, horizon / 30);
 *   expected = (monetary / months_active) · 12 · prob ; at_risk = monetary · (1 − prob);
 *   segment: VIP, Actifs, A relancer, Dormants, A potentiel — first matching rule (§4.5).
 */
export function buildScores(features: pl.DataFrame, horizonDays: number): pl.DataFrame {
  const e = exprs()
  return withParams(features.lazy().select(...e.features), { horizonDays })
    .withColumns(...e.stage1)
    .withColumns(...e.stage2)
    .select(...e.columns)
    .sort('id_client')
    .collectSync()
}
