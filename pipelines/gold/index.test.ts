import {
  FACT_COLUMNS,
  FEATURE_COLUMNS,
  PREDICTION_COLUMNS,
  RETENTION_COLUMNS,
  SCORE_COLUMNS,
} from './columns.ts'
import { buildGold, GOLD_TABLES, type GoldTableName } from './index.ts'
import { scenario, silverAchats } from './test-frames.ts'

describe('buildGold', () => {
  it('refuses to run without a purchase', () => {
    const { clients } = scenario()
    expect(() => buildGold({ clients, achats: silverAchats([]) })).toThrow(/no valid purchase reaches gold/)
  })

  it('refuses a silver frame without a required column', () => {
    const { clients, achats } = scenario()
    expect(() => buildGold({ clients, achats: achats.drop('montant') })).toThrow(
      /missing columns \[montant\]/,
    )
  })

  it('refuses a horizon that is not a positive whole number of days', () => {
    expect(() => buildGold(scenario(), { horizonDays: 0 })).toThrow(/horizonDays/)
    expect(() => buildGold(scenario(), { horizonDays: 1.5 })).toThrow(/horizonDays/)
  })

  it('builds every gold table with their columns, reporting each one in order', () => {
    const reported: [GoldTableName, number][] = []
    const gold = buildGold(scenario(), {
      onTable: (name, table, ms) => {
        expect(ms).toBeGreaterThanOrEqual(0)
        reported.push([name, table.height])
      },
    })
    expect(reported.map(([name]) => name)).toEqual([...GOLD_TABLES])
    for (const [name, rows] of reported) expect(gold.tables[name].height).toBe(rows)
    const columns = Object.fromEntries(GOLD_TABLES.map((t) => [t, gold.tables[t].columns]))
    expect(columns).toEqual({
      fact_achats: [...FACT_COLUMNS],
      dim_clients: [
        'id_client',
        'nom',
        'email',
        'pays',
        'date_inscription',
        'first_purchase',
        'last_purchase',
        'recency_days',
        'tenure_days',
        'total_orders',
        'total_spend',
        'avg_order_value',
        'product_count',
      ],
      client_features: [...FEATURE_COLUMNS],
      client_predictions: [...PREDICTION_COLUMNS],
      client_scores: [...SCORE_COLUMNS],
      segment_summary: [
        'segment_label',
        'clients',
        'ca_12m',
        'expected_value_12m',
        'value_at_risk_12m',
        'freq_med',
        'recency_med',
      ],
      ca_monthly: ['mois', 'ca'],
      ca_country: ['pays', 'ca'],
      ca_product: ['produit', 'ca'],
      cohort_first_purchase: ['first_purchase_month', 'clients', 'ca'],
      daily: ['jour', 'ca', 'achats'],
      weekly: ['semaine', 'ca', 'achats'],
      distribution: ['bin', 'bucket', 'count', 'lower', 'upper'],
      monthly_growth: ['mois', 'ca', 'prev_ca', 'growth_abs', 'growth_pct'],
      cohort_retention: [...RETENTION_COLUMNS],
    })
  })

  it('gives the same tables on a second run (cached expressions carry no state)', () => {
    const first = buildGold(scenario())
    buildGold(scenario(), { horizonDays: 30 })
    const again = buildGold(scenario())
    for (const t of GOLD_TABLES) expect(again.tables[t].frameEqual(first.tables[t], true), t).toBe(true)
  })
})
