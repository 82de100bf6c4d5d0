/**
 * The advisor speaks the Customers page's language, on the original's size of generated data: each
 * cluster is named after the RFM segment most of its clients carry in gold's client_scores (share shown),
 * no two names are equal, and "Contact first" lists only lapsed clients.
 */
import pl from 'nodejs-polars'
import { beforeAll, describe, expect, it } from 'vitest'
import { type AdvisorResult, trainAdvisor, WINBACK_AFTER_DAYS } from '../pipelines/ml/advisor.ts'
import { advisorReport } from '../pipelines/ml/advisor-report.ts'
import { clusterNames } from '../pipelines/ml/cluster-names.ts'
import { goldRun } from './helpers/gold-run.ts'

/** Each cluster's majority segment and its share, counted in Polars from gold's own segment labels. */
function majorities(
  result: AdvisorResult,
  scores: pl.DataFrame,
): Map<number, { segment: string; share: number }> {
  const clusters = pl.DataFrame({
    id_client: result.clients.map((c) => c.id_client),
    cluster: result.clients.map((c) => c.cluster),
  })
  const counts = clusters
    .join(scores.select(pl.col('id_client').cast(pl.Float64), 'segment_label'), { on: 'id_client' })
    .groupBy(['cluster', 'segment_label'])
    .agg(pl.len().cast(pl.Float64).alias('n'))
    .withColumns(pl.col('n').div(pl.col('n').sum().over('cluster')).alias('share'))
    .sort(['cluster', 'n', 'segment_label'], [false, true, false])
  const out = new Map<number, { segment: string; share: number }>()
  for (const row of counts.toRecords() as { cluster: number; segment_label: string; share: number }[]) {
    if (!out.has(Number(row.cluster)))
      out.set(Number(row.cluster), { segment: row.segment_label, share: row.share })
  }
  return out
}

describe("advisor names on the original's size of generated data", () => {
  const run = goldRun()
  let features: pl.DataFrame
  let scores: pl.DataFrame
  beforeAll(async () => {
    const { gold } = await run.ready()
    features = gold.tables.client_features as pl.DataFrame
    scores = gold.tables.client_scores as pl.DataFrame
  }, 240_000)

  for (const clusters of [5, 8]) {
    it(`names each of ${clusters} clusters after its majority RFM segment, with unique names`, () => {
      const result = trainAdvisor(features, scores, { clusters, seed: 42 })
      const expected = majorities(result, scores)
      expect(result.segments).toHaveLength(clusters)
      for (const s of result.segments) {
        const truth = expected.get(s.cluster)
        expect(s.segment, `cluster ${s.cluster}`).toBe(truth?.segment)
        expect(s.segment_share).toBeCloseTo(truth?.share ?? -1, 12)
        expect(s.label.split(' — ')[0]).toBe(s.segment)
        expect(Object.values(s.labels).reduce((a, b) => a + b, 0)).toBe(s.size)
      }
      const labels = result.segments.map((s) => s.label)
      expect(new Set(labels).size, labels.join(' | ')).toBe(clusters)
      const report = advisorReport(result, clusters)
      for (const s of result.segments)
        expect(report).toContain(`| ${s.cluster} | ${s.label} | ${s.segment} (`)
    })
  }

  it('lists for win-back only lapsed A relancer / Dormants clients, in gold’s segment words', () => {
    const result = trainAdvisor(features, scores, { clusters: 5, seed: 42 })
    const segmentOf = new Map(
      (
        scores.select('id_client', 'segment_label').toRecords() as {
          id_client: number
          segment_label: string
        }[]
      ).map((r) => [Number(r.id_client), r.segment_label]),
    )
    const winback = result.contacts.filter((c) => c.label !== 'VIP')
    expect(winback.length).toBeGreaterThan(0)
    for (const c of result.contacts) expect(c.label).toBe(segmentOf.get(c.id_client))
    for (const c of winback) {
      expect(['A relancer', 'Dormants']).toContain(c.label)
      expect(c.recency_days).toBeGreaterThan(WINBACK_AFTER_DAYS)
    }
    // Every lapsed A relancer comes before any Dormant, and a recent Dormant is never listed.
    const firstDormant = winback.findIndex((c) => c.label === 'Dormants')
    if (firstDormant !== -1)
      expect(winback.slice(firstDormant).every((c) => c.label === 'Dormants')).toBe(true)
  })
})

describe('cluster names when clusters share a majority segment', () => {
  const traits = (segments: Record<string, number>, revenue: number, recency: number, frequency: number) => ({
    segments,
    size: Object.values(segments).reduce((a, b) => a + b, 0),
    revenue_avg: revenue,
    recency_avg: recency,
    frequency_avg: frequency,
  })

  it('tells them apart by the trait that differs most, and keeps a lone segment plain', () => {
    const names = clusterNames([
      traits({ Dormants: 82, 'A potentiel': 18 }, 2_900, 102, 4),
      traits({ Dormants: 70, Actifs: 30 }, 400, 110, 3.5),
      traits({ VIP: 60, Actifs: 40 }, 9_000, 5, 20),
    ])
    expect(names.map((n) => n.label)).toEqual(['Dormants — high value', 'Dormants — low value', 'VIP'])
    expect(names[0]?.segment_share).toBeCloseTo(0.82, 12)
  })

  it('says "recent" when recency sets them apart most, and stays unique with four of a kind', () => {
    const byRecency = clusterNames([
      traits({ 'A potentiel': 5 }, 1_000, 10, 2),
      traits({ 'A potentiel': 5 }, 1_050, 90, 2.1),
    ])
    expect(byRecency.map((n) => n.label)).toEqual(['A potentiel — recent', 'A potentiel — lapsed'])
    const four = clusterNames([1, 2, 3, 4].map((k) => traits({ Dormants: 10 }, k * 100, 50, 2)))
    expect(new Set(four.map((n) => n.label)).size).toBe(4)
  })
})
