/**
 * The predictor on data with a known signal: a third of the clients buy every few weeks all year, a
 * third bought a lot and then stopped, a third buy once or twice at random. The original's heuristic
 * ranks the lapsed heavy buyers high; a model that learns from the past must do better, must fall to
 * chance when the labels are shuffled, and must refuse data it cannot learn from.
 */

import pl from 'nodejs-polars'
import { beforeAll, describe, expect, it } from 'vitest'
import { PythonRandom } from '../pipelines/generate/python-random.ts'
import { PREDICTION_COLUMNS } from '../pipelines/gold/columns.ts'
import { datasetAsOf, LABEL_COLUMNS, type PurchaseHistory } from '../pipelines/ml/cutoff-dataset.ts'
import { brier, deciles, logLoss, rocAuc, topDecile } from '../pipelines/ml/metrics.ts'
import { type PredictorOptions, type PredictorResult, trainPredictor } from '../pipelines/ml/predictor.ts'
import { MICROS_PER_DAY } from '../pipelines/schema.ts'

const DAY = MICROS_PER_DAY
const REFERENCE = Date.UTC(2026, 0, 20, 12) * 1000
const OPTIONS: PredictorOptions = { horizonDays: 90, seed: 42, mlRunId: 'test-run' }

type Group = 'regular' | 'lapsed' | 'occasional' | 'weekly'

/** A year of purchases per client by group, seeded; the last purchase falls on REFERENCE. */
function history(groups: readonly Group[], seed = 7): PurchaseHistory {
  const rng = new PythonRandom(seed)
  const start = REFERENCE - 365 * DAY
  const ids: number[] = []
  const times: number[] = []
  const amounts: number[] = []
  const buy = (client: number, at: number) => {
    ids.push(client)
    times.push(Math.round(Math.min(at, REFERENCE)))
    amounts.push(20 + rng.random() * 200)
  }
  groups.forEach((group, i) => {
    const client = i + 1
    if (group === 'regular' || group === 'weekly') {
      const gap = (group === 'weekly' ? 7 : 20 + rng.random() * 20) * DAY
      for (let t = start + rng.random() * gap; t <= REFERENCE; t += gap * (0.8 + rng.random() * 0.4))
        buy(client, t)
    } else if (group === 'lapsed') {
      const stop = REFERENCE - (200 + rng.random() * 130) * DAY
      const count = 10 + rng.randbelow(16)
      for (let k = 0; k < count; k++) buy(client, start + rng.random() * (stop - start))
    } else {
      const count = 1 + rng.randbelow(3)
      for (let k = 0; k < count; k++) buy(client, start + rng.random() * (REFERENCE - start))
    }
  })
  buy(1, REFERENCE)
  return {
    fact: pl.DataFrame({
      id_achat: pl.Series(
        'id_achat',
        ids.map((_, i) => i + 1),
        pl.Int64,
      ),
      id_client: pl.Series('id_client', ids, pl.Int64),
      date_achat: pl.Series('date_achat', times, pl.Float64).cast(pl.Int64).cast(pl.Datetime('us')),
      montant: pl.Series('montant', amounts, pl.Float64),
      produit: pl.Series(
        'produit',
        ids.map((id) => ['Tv', 'Mouse', 'Oven'][id % 3] as string),
        pl.Utf8,
      ),
    }),
    clients: pl.DataFrame({
      id_client: pl.Series(
        'id_client',
        groups.map((_, i) => i + 1),
        pl.Int64,
      ),
    }),
  }
}

const mixed = (clients: number): Group[] =>
  Array.from({ length: clients }, (_, i) => (['regular', 'lapsed', 'occasional'] as const)[i % 3] as Group)

describe('predictor on data with a known signal', () => {
  let signal: PurchaseHistory
  let result: PredictorResult
  beforeAll(() => {
    signal = history(mixed(900))
    result = trainPredictor(signal, OPTIONS)
  })

  it('learns in time order: trained before the evaluation cutoff, evaluated after it', () => {
    expect(result.cutoffs).toEqual({
      training: '2025-07-24',
      evaluation: '2025-10-22',
      reference: '2026-01-20',
    })
    expect(result.counts.evaluation_clients).toBeGreaterThan(800)
    expect(result.counts.training_positive_rate).toBeGreaterThan(0.3)
  })

  it('ranks clearly above chance and above the original heuristic', () => {
    expect(result.model.roc_auc).toBeGreaterThan(0.85)
    expect(result.model.roc_auc).toBeGreaterThan(result.baseline.roc_auc + 0.15)
    expect(result.model.brier).toBeLessThan(result.baseline.brier)
    expect(result.model.precision_top_decile).toBeGreaterThan(result.baseline.precision_top_decile)
  })

  it('scores every client of the client table, in the predictions table layout', () => {
    expect(result.predictions.columns).toEqual([...PREDICTION_COLUMNS])
    expect(result.predictions.height).toBe(900)
    const probabilities = result.predictions.getColumn('prob_purchase').toArray() as number[]
    expect(probabilities.every((p) => p >= 0 && p <= 1)).toBe(true)
    // The regular buyers are the ones it expects back.
    const regular = result.topClients.filter((c) => (c.id_client - 1) % 3 === 0)
    expect(regular.length).toBeGreaterThanOrEqual(result.topClients.length - 2)
  })

  it('falls to chance when the labels are shuffled among the clients', () => {
    for (const shuffleLabels of [1, 2, 3]) {
      const shuffled = trainPredictor(signal, { ...OPTIONS, shuffleLabels })
      expect(Math.abs(shuffled.model.roc_auc - 0.5)).toBeLessThan(0.08)
    }
  })
})

describe('features as of a cutoff', () => {
  it('ignore every purchase after the cutoff: only the labels see them', () => {
    const full = history(mixed(90))
    const cutoff = REFERENCE - 90 * DAY
    const truncated = { ...full, fact: full.fact.filter(pl.col('date_achat').cast(pl.Int64).ltEq(cutoff)) }
    const a = datasetAsOf(full, cutoff, 90)
    const b = datasetAsOf(truncated, cutoff, 90)
    expect(
      a.drop(LABEL_COLUMNS[0], LABEL_COLUMNS[1]).frameEqual(b.drop(LABEL_COLUMNS[0], LABEL_COLUMNS[1])),
    ).toBe(true)
    expect(a.getColumn('label_bought').sum()).toBeGreaterThan(0)
    expect(b.getColumn('label_bought').sum()).toBe(0)
  })
})

describe('predictor refuses data it cannot learn from', () => {
  it('too few clients: says how many and what to do', () => {
    expect(() => trainPredictor(history(mixed(30)), OPTIONS)).toThrow(
      expect.objectContaining({
        code: 'too_few_clients',
        message: expect.stringMatching(/only \d+ client\(s\) had bought by the training cutoff.*at least 50/),
      }),
    )
  })

  it('a single class: everyone buys every week, nothing to learn', () => {
    const weekly = history(Array.from({ length: 120 }, () => 'weekly' as const))
    expect(() => trainPredictor(weekly, OPTIONS)).toThrow(
      expect.objectContaining({
        code: 'single_class',
        message: expect.stringMatching(/0 did not buy within 90 days/),
      }),
    )
  })

  it('a history shorter than two horizons', () => {
    expect(() => trainPredictor(history(mixed(300)), { ...OPTIONS, horizonDays: 200 })).toThrow(
      expect.objectContaining({
        code: 'too_little_history',
        message: expect.stringMatching(/shorten the horizon/),
      }),
    )
  })
})

describe('held-out metrics', () => {
  it('ROC AUC by ranks, ties sharing their rank', () => {
    expect(rocAuc([0.9, 0.8, 0.3, 0.1], [1, 1, 0, 0])).toBe(1)
    expect(rocAuc([0.1, 0.3, 0.8, 0.9], [1, 1, 0, 0])).toBe(0)
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])).toBe(0.5)
    expect(rocAuc([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0])).toBe(0.875)
  })

  it('log loss, Brier score, the top decile and deciles', () => {
    expect(logLoss([0.5, 0.5], [1, 0])).toBeCloseTo(Math.log(2), 12)
    expect(brier([1, 0, 0.5], [1, 0, 1])).toBeCloseTo(0.25 / 3, 12)
    const scores = Array.from({ length: 20 }, (_, i) => 1 - i / 20)
    const labels = scores.map((_, i) => (i === 0 || i === 5 ? 1 : 0))
    expect(topDecile(scores, labels)).toEqual({ precision: 0.5, recall: 0.5 })
    expect(deciles(scores).slice(0, 4)).toEqual([1, 1, 2, 2])
    expect(deciles(scores).at(-1)).toBe(10)
  })
})
