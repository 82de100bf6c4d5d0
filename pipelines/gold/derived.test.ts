import pl from 'nodejs-polars'
import { buildMonthlyGrowth } from './derived.ts'
import { buildGold } from './index.ts'
import { dtypes, records, silverAchats, silverClients } from './test-frames.ts'

describe('daily and weekly', () => {
  const achats = silverAchats([
    [1, 1, '2025-01-05 23:59:59', 10, 'Mouse'], // Sunday: week of Monday 2024-12-30
    [2, 1, '2025-01-06 00:00:00', 20, 'Mouse'], // Monday: starts the week of 2025-01-06
    [3, 1, '2025-01-12 23:00:00', 30, 'Mouse'], // Sunday of the same week
    [4, 1, '2025-01-06 12:00:00', 5, 'Mouse'],
    [5, 1, '2025-01-01 08:00:00', 1, 'Mouse'], // Wednesday across the new year
  ])
  const { tables } = buildGold({ clients: silverClients([[1, '2024-01-01']]), achats })

  it('daily groups by calendar day', () => {
    expect(records(tables.daily)).toEqual([
      { jour: '2025-01-01', ca: 1, achats: 1 },
      { jour: '2025-01-05', ca: 10, achats: 1 },
      { jour: '2025-01-06', ca: 25, achats: 2 },
      { jour: '2025-01-12', ca: 30, achats: 1 },
    ])
    expect(dtypes(tables.daily)).toEqual({ jour: 'String', ca: 'Float64', achats: 'Int64' })
  })

  it('weekly labels each week with its Monday', () => {
    expect(records(tables.weekly)).toEqual([
      { semaine: '2024-12-30', ca: 11, achats: 2 },
      { semaine: '2025-01-06', ca: 55, achats: 3 },
    ])
    expect(dtypes(tables.weekly)).toEqual({ semaine: 'String', ca: 'Float64', achats: 'Int64' })
  })
})

describe('monthly_growth', () => {
  it('compares each month with the previous one; no percentage after a zero month', () => {
    const caMonthly = pl.DataFrame({
      mois: ['2025-03', '2025-01', '2025-04', '2025-02'],
      ca: [50, 100, 75, 0],
    })
    expect(records(buildMonthlyGrowth(caMonthly))).toEqual([
      { mois: '2025-01', ca: 100, prev_ca: null, growth_abs: null, growth_pct: null },
      { mois: '2025-02', ca: 0, prev_ca: 100, growth_abs: -100, growth_pct: -1 },
      { mois: '2025-03', ca: 50, prev_ca: 0, growth_abs: 50, growth_pct: null },
      { mois: '2025-04', ca: 75, prev_ca: 50, growth_abs: 25, growth_pct: 0.5 },
    ])
  })
})
