/**
 * The advisor on the original's data: its business labels must come out as the original's (spec §10.2),
 * the clusters must be stable for a seed and measured on the scaled features, and the report must say
 * what to do and whom to call.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildGold } from '../pipelines/gold/index.ts'
import { type AdvisorResult, trainAdvisor, WINBACK_AFTER_DAYS } from '../pipelines/ml/advisor.ts'
import { advisorReport } from '../pipelines/ml/advisor-report.ts'
import { loadSeedSilver, SEED_SKIP_REASON, seedAvailable } from './helpers/seed-fixture.ts'

describe.skipIf(!seedAvailable)(
  `advisor on the original's data (${seedAvailable ? 'seed' : SEED_SKIP_REASON})`,
  () => {
    let features: ReturnType<typeof buildGold>['tables']['client_features']
    let scores: ReturnType<typeof buildGold>['tables']['client_scores']
    let result: AdvisorResult
    beforeAll(() => {
      ;({ client_features: features, client_scores: scores } = buildGold(loadSeedSilver()).tables)
      result = trainAdvisor(features, scores, { clusters: 5, seed: 42 })
    })

    it('labels clients as the original did, with its thresholds', () => {
      expect(result.thresholds).toEqual({
        monetaryHigh: 5882.9575,
        recencyLow: 6,
        recencyHigh: 39,
        frequencyHigh: 23,
      })
      expect(result.labelCounts).toEqual({
        Dormants: 1066,
        Fideles: 275,
        VIP: 133,
        'A relancer': 24,
        Nouveaux: 2,
      })
    })

    it('profiles k clusters numbered by revenue, covering every client once', () => {
      expect(result.segments.map((s) => s.cluster)).toEqual([0, 1, 2, 3, 4])
      expect(result.segments.reduce((n, s) => n + s.size, 0)).toBe(1500)
      const revenue = result.segments.map((s) => s.revenue_total)
      expect(revenue).toEqual([...revenue].sort((a, b) => b - a))
      expect(result.segments.reduce((sum, s) => sum + s.revenue_total, 0)).toBeCloseTo(6_008_544.91, 2)
      for (const s of result.segments) expect(s.actions.length).toBeGreaterThan(0)
    })

    it('measures the silhouette on the scaled features it clustered, and gives the same clusters for a seed', () => {
      expect(result.silhouette).toBeGreaterThan(0.2)
      expect(result.silhouette).toBeLessThan(1)
      const again = trainAdvisor(features, scores, { clusters: 5, seed: 42 })
      expect(again.clients.map((c) => c.cluster)).toEqual(result.clients.map((c) => c.cluster))
      expect(again.silhouette).toBe(result.silhouette)
    })

    it('lists whom to contact first, with an action, and writes it all in the report', () => {
      const winback = result.contacts.filter((c) => c.label === 'A relancer' || c.label === 'Dormants')
      const vip = result.contacts.filter((c) => c.label === 'VIP')
      expect(winback).toHaveLength(10)
      expect(vip).toHaveLength(10)
      // Only lapsed clients: none who bought within the win-back window, whatever their segment.
      expect(winback.every((c) => c.recency_days > WINBACK_AFTER_DAYS)).toBe(true)
      expect(vip.map((c) => c.monetary_total)).toEqual(vip.map((c) => c.monetary_total).sort((a, b) => b - a))
      const report = advisorReport(result, 5)
      expect(report).toContain('## Clusters')
      expect(report).toContain('### VIP (133 clients)')
      expect(report).toContain(`| ${vip[0]?.id_client} | VIP |`)
    })

    it('refuses more clusters than the clients can fill', () => {
      expect(() => trainAdvisor(features.head(40), scores, { clusters: 5, seed: 42 })).toThrow(
        expect.objectContaining({
          code: 'too_few_clients',
          message: expect.stringMatching(/need at least 50/),
        }),
      )
    })
  },
)
