import pl from 'nodejs-polars'
import { FEATURE_COLUMNS, SCORE_COLUMNS } from './columns.ts'
import { buildScores, minmax, SEGMENTS } from './scores.ts'
import { buildSegmentSummary } from './segment-summary.ts'
import { column, dtypes } from './test-frames.ts'

type Row = { id: number; freq: number; rec: number; mon: number; div: number; tenure: number }

/** A features frame from the five columns the score reads (the others are carried through). */
function features(rows: Row[]): pl.DataFrame {
  const n = rows.length
  const ref = pl.Series('reference_date', Array(n).fill(0), pl.Int64).cast(pl.Datetime('us'))
  return pl
    .DataFrame({
      id_client: pl.Series(
        'id_client',
        rows.map((r) => r.id),
        pl.Int64,
      ),
      freq_12m: pl.Series(
        'freq_12m',
        rows.map((r) => r.freq),
        pl.Int64,
      ),
      monetary_12m: pl.Series(
        'monetary_12m',
        rows.map((r) => r.mon),
        pl.Float64,
      ),
      monetary_avg_12m: pl.Series('monetary_avg_12m', Array(n).fill(0), pl.Float64),
      product_diversity_12m: pl.Series(
        'product_diversity_12m',
        rows.map((r) => r.div),
        pl.Int64,
      ),
      last_purchase: ref.alias('last_purchase'),
      first_purchase: ref.alias('first_purchase'),
      recency_days: pl.Series(
        'recency_days',
        rows.map((r) => r.rec),
        pl.Int64,
      ),
      tenure_days: pl.Series(
        'tenure_days',
        rows.map((r) => r.tenure),
        pl.Int64,
      ),
      total_orders_all: pl.Series('total_orders_all', Array(n).fill(0), pl.Int64),
      total_spend_all: pl.Series('total_spend_all', Array(n).fill(0), pl.Float64),
      avg_order_value_all: pl.Series('avg_order_value_all', Array(n).fill(0), pl.Float64),
      reference_date: ref,
    })
    .select(...FEATURE_COLUMNS)
}

// Ten clients built so that every segment occurs. Thresholds (linear quantiles, position (n−1)·q = 9q):
//   freq sorted 0 1 2 2 3 3 4 5 6 10 → Q.95 = 6 + 0.55·4 = 8.2, Q.75 = 4 + 0.75·1 = 4.75 (Dormants: freq ≤ 2.375)
//   recency sorted 0 0 0 0 1 2 10 320 350 365 → Q.75 = 10 + 0.75·310 = 242.5, Q.25 = 0
//   monetary sorted 0 50 90 100 110 120 150 200 1000 1000 → Q.75 = 150 + 0.75·50 = 187.5
// Normalisations: f = min(freq, 8.2)/8.2, r = 1 − rec/365, m = mon/1000, d = div/4.
const ROWS: Row[] = [
  { id: 1, freq: 10, rec: 0, mon: 1000, div: 4, tenure: 300 }, // prob 1 → VIP (also meets the Actifs rule)
  { id: 2, freq: 6, rec: 0, mon: 100, div: 4, tenure: 0 }, // prob .744 ≥ .65 but mon < 187.5 → Actifs
  { id: 3, freq: 2, rec: 350, mon: 1000, div: 1, tenure: 400 }, // mon high, old → A relancer (before Dormants)
  { id: 4, freq: 1, rec: 320, mon: 50, div: 1, tenure: 30 }, // rare and old → Dormants
  { id: 5, freq: 4, rec: 10, mon: 200, div: 2, tenure: 45 }, // prob .591, rec 10 > 0 → A potentiel
  { id: 6, freq: 0, rec: 365, mon: 0, div: 0, tenure: 0 }, // no purchase → prob 0, Dormants
  { id: 7, freq: 5, rec: 0, mon: 150, div: 3, tenure: 60 }, // prob .672 → Actifs
  { id: 8, freq: 3, rec: 0, mon: 120, div: 2, tenure: 60 }, // prob .533 < .55 → A potentiel
  { id: 9, freq: 3, rec: 1, mon: 110, div: 2, tenure: 60 }, // → A potentiel
  { id: 10, freq: 2, rec: 2, mon: 90, div: 1, tenure: 60 }, // freq ≤ 2.375 but recent → A potentiel
]

/** The formula written out for one row, in the original's order. */
function handProb(r: Row): number {
  const f = Math.min(r.freq, 8.2) / 8.2
  const rr = 1 - r.rec / 365
  const m = r.mon / 1000
  const d = r.div / 4
  return Math.min(1, Math.max(0, 0.45 * f + 0.3 * rr + 0.15 * m + 0.1 * d))
}

describe('client_scores', () => {
  const scores = buildScores(features(ROWS), 365)

  it('appends the four score columns to the features, in id order', () => {
    expect(scores.columns).toEqual([...SCORE_COLUMNS])
    expect(dtypes(scores)).toMatchObject({
      prob_reachat_12m: 'Float64',
      expected_value_12m: 'Float64',
      value_at_risk_12m: 'Float64',
      segment_label: 'String',
    })
  })

  it('computes the propensity by the formula', () => {
    const prob = column(scores, 'prob_reachat_12m') as number[]
    ROWS.forEach((r, i) => {
      expect(prob[i]).toBeCloseTo(handProb(r), 12)
    })
    expect(prob[0]).toBeCloseTo(1, 12)
    expect(prob[5]).toBe(0)
  })

  it('applies the segment rules in order, each segment reachable', () => {
    expect(column(scores, 'segment_label')).toEqual([
      'VIP',
      'Actifs',
      'A relancer',
      'Dormants',
      'A potentiel',
      'Dormants',
      'Actifs',
      'A potentiel',
      'A potentiel',
      'A potentiel',
    ])
    expect(new Set(column(scores, 'segment_label'))).toEqual(new Set(SEGMENTS))
  })

  it('spreads the 12-month value over clip(max(tenure, 1) / 30, 1, 365 / 30) months', () => {
    const expected = column(scores, 'expected_value_12m') as number[]
    const atRisk = column(scores, 'value_at_risk_12m') as number[]
    const [p0 = 0, p1 = 0, p2 = 0, , p4 = 0] = ROWS.map(handProb)
    expect(expected[0]).toBeCloseTo((1000 / 10) * 12 * p0, 9) // 300 days → 10 months
    expect(expected[1]).toBeCloseTo((100 / 1) * 12 * p1, 9) // 0 days → at least 1 month
    expect(expected[2]).toBeCloseTo((1000 / (365 / 30)) * 12 * p2, 9) // 400 days → capped at 12.17
    expect(expected[4]).toBeCloseTo((200 / 1.5) * 12 * p4, 9)
    expect(atRisk[2]).toBeCloseTo(1000 * (1 - p2), 9)
    expect(atRisk[5]).toBe(0)
  })

  it('gives 0 for a normalised feature that does not vary (max = min)', () => {
    const flat = pl.DataFrame({ x: [3, 3, 3], y: [1, 2, 5] })
    expect(
      flat
        .select(minmax(pl.col('x')).alias('x'))
        .getColumn('x')
        .toArray(),
    ).toEqual([0, 0, 0])
    expect(
      flat
        .select(minmax(pl.col('y')).alias('y'))
        .getColumn('y')
        .toArray(),
    ).toEqual([0, 0.25, 1])
    // every client with the same diversity: d = 0 for all, prob unchanged otherwise
    const same = buildScores(features(ROWS.map((r) => ({ ...r, div: 2 }))), 365)
    const prob = column(same, 'prob_reachat_12m') as number[]
    ROWS.forEach((r, i) => {
      expect(prob[i]).toBeCloseTo(handProb(r) - 0.1 * (r.div / 4), 12)
    })
  })

  it('summarises by segment: counts, sums, float medians, largest expected value first', () => {
    const summary = buildSegmentSummary(scores)
    expect(summary.columns).toEqual([
      'segment_label',
      'clients',
      'ca_12m',
      'expected_value_12m',
      'value_at_risk_12m',
      'freq_med',
      'recency_med',
    ])
    const rows = Object.fromEntries(
      (summary.toRecords() as Record<string, number | string>[]).map((r) => [r.segment_label, r]),
    )
    expect(rows['A potentiel']).toMatchObject({ clients: 4, ca_12m: 520, freq_med: 3, recency_med: 1.5 })
    expect(rows.Dormants).toMatchObject({ clients: 2, ca_12m: 50, freq_med: 0.5, recency_med: 342.5 })
    expect(rows.Actifs).toMatchObject({ clients: 2, ca_12m: 250 })
    const ev = column(summary, 'expected_value_12m') as number[]
    expect([...ev].sort((a, b) => b - a)).toEqual(ev)
    expect(dtypes(summary)).toMatchObject({ clients: 'Int64', freq_med: 'Float64', recency_med: 'Float64' })
  })
})
