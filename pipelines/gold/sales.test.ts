import { buildGold } from './index.ts'
import { records, silverAchats, silverClients } from './test-frames.ts'

const clients = silverClients([
  [1, '2024-01-01', 'UK'],
  [2, '2024-01-01', 'France'],
  [3, '2024-01-01', 'Italy'],
])
// client 1's first purchase is the last second of January: its whole lifetime counts for the January cohort.
const achats = silverAchats([
  [1, 1, '2025-01-31 23:59:59', 10, 'Mouse'],
  [2, 1, '2025-02-01 00:00:00', 15, 'Phone'],
  [3, 1, '2025-03-10 12:00:00', 5, 'Mouse'],
  [4, 2, '2025-02-14 08:00:00', 100, 'Laptop'],
  [5, 3, '2025-02-20 09:00:00', 1.5, 'Mouse'],
])
const { tables } = buildGold({ clients, achats })

describe('sales aggregates', () => {
  it('ca_monthly: revenue per month, by month', () => {
    expect(records(tables.ca_monthly)).toEqual([
      { mois: '2025-01', ca: 10 },
      { mois: '2025-02', ca: 116.5 },
      { mois: '2025-03', ca: 5 },
    ])
  })

  it('ca_country and ca_product: largest revenue first', () => {
    expect(records(tables.ca_country)).toEqual([
      { pays: 'France', ca: 100 },
      { pays: 'UK', ca: 30 },
      { pays: 'Italy', ca: 1.5 },
    ])
    expect(records(tables.ca_product)).toEqual([
      { produit: 'Laptop', ca: 100 },
      { produit: 'Mouse', ca: 16.5 },
      { produit: 'Phone', ca: 15 },
    ])
  })

  it('cohort_first_purchase: clients by first-purchase month with their lifetime revenue', () => {
    expect(records(tables.cohort_first_purchase)).toEqual([
      { first_purchase_month: '2025-01', clients: 1, ca: 30 },
      { first_purchase_month: '2025-02', clients: 2, ca: 101.5 },
    ])
  })
})
