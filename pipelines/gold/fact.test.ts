import { FACT_COLUMNS } from './columns.ts'
import { buildGold } from './index.ts'
import { column, dtypes, records, silverAchats, silverClients } from './test-frames.ts'

describe('fact_achats', () => {
  const clients = silverClients([
    [1, '2024-01-01', 'UK'],
    [2, '2024-01-01', 'France'],
  ])
  const achats = silverAchats([
    [7, 2, '2025-03-01 10:00:00', 30, 'Mouse'],
    [5, 1, '2025-03-01 10:00:00', 20, 'Phone'], // same second as 7: ordered by id_achat
    [9, 1, '2024-12-31 23:59:59', 10, 'Laptop'],
    [3, 99, '2025-02-01 00:00:00', 40, 'Webcam'], // unknown client (silver never lets one through)
  ])
  const fact = buildGold({ clients, achats }).tables.fact_achats

  it('has the spec columns and types', () => {
    expect(fact.columns).toEqual([...FACT_COLUMNS])
    expect(dtypes(fact)).toEqual({
      id_achat: 'Int64',
      id_client: 'Int64',
      date_achat: 'Datetime',
      montant: 'Float64',
      produit: 'String',
      pays: 'String',
      jour: 'String',
      mois: 'String',
      annee: 'Int64',
    })
  })

  it('is chronological with ties broken by id_achat, with calendar keys and the country', () => {
    expect(records(fact)).toEqual([
      {
        id_achat: 9,
        id_client: 1,
        date_achat: '2024-12-31 23:59:59',
        montant: 10,
        produit: 'Laptop',
        pays: 'UK',
        jour: '2024-12-31',
        mois: '2024-12',
        annee: 2024,
      },
      {
        id_achat: 3,
        id_client: 99,
        date_achat: '2025-02-01 00:00:00',
        montant: 40,
        produit: 'Webcam',
        pays: 'Inconnu',
        jour: '2025-02-01',
        mois: '2025-02',
        annee: 2025,
      },
      {
        id_achat: 5,
        id_client: 1,
        date_achat: '2025-03-01 10:00:00',
        montant: 20,
        produit: 'Phone',
        pays: 'UK',
        jour: '2025-03-01',
        mois: '2025-03',
        annee: 2025,
      },
      {
        id_achat: 7,
        id_client: 2,
        date_achat: '2025-03-01 10:00:00',
        montant: 30,
        produit: 'Mouse',
        pays: 'France',
        jour: '2025-03-01',
        mois: '2025-03',
        annee: 2025,
      },
    ])
  })

  it('ignores lineage columns and keeps the timestamps naive (no time-zone shift)', () => {
    const withLineage = buildGold({
      clients: clients.withColumns(clients.getColumn('id_client').alias('_source_line')),
      achats: achats.withColumns(achats.getColumn('id_achat').alias('_source_line')),
    })
    expect(withLineage.tables.fact_achats.columns).toEqual([...FACT_COLUMNS])
    expect(column(withLineage.tables.fact_achats, 'date_achat')[0]).toBe('2024-12-31 23:59:59')
    expect(withLineage.referenceDate).toBe('2025-03-01 10:00:00')
  })
})
