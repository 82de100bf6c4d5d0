import { referenceRetention } from '../../tests/helpers/retention-reference.ts'
import { RETENTION_COLUMNS } from './columns.ts'
import { buildFact } from './fact.ts'
import { buildGold } from './index.ts'
import { prepareInputs } from './inputs.ts'
import { buildRetention, cohortOffsetKey } from './retention.ts'
import { dtypes, type PurchaseRow, records, silverAchats, silverClients } from './test-frames.ts'

/** Seeded purchases over ~3 years: clients join at different months, come back irregularly, some twice a month. */
function purchases(count: number): PurchaseRow[] {
  let state = 7
  const next = (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state % n
  }
  return Array.from({ length: count }, (_, i) => {
    const client = 1 + next(40)
    const year = 2022 + next(3)
    const month = String(1 + next(12)).padStart(2, '0')
    const day = String(1 + next(28)).padStart(2, '0')
    const time = `${String(next(24)).padStart(2, '0')}:${String(next(60)).padStart(2, '0')}:00`
    return [i + 1, client, `${year}-${month}-${day} ${time}`, 10 + next(90), 'Mouse']
  })
}

function clientsOf() {
  return silverClients(Array.from({ length: 40 }, (_, i) => [i + 1, '2021-01-01'] as const))
}

function retentionOf(rows: PurchaseRow[]) {
  const { clients, achats } = prepareInputs({ clients: clientsOf(), achats: silverAchats(rows) })
  return buildRetention(buildFact(clients, achats))
}

describe('cohort_retention', () => {
  it('follows each first-purchase month, month by month, up to the last month of the fact', () => {
    const rows: PurchaseRow[] = [
      [1, 1, '2025-01-31 23:59:59', 10, 'Mouse'], // client 1: cohort 2025-01
      [2, 1, '2025-02-01 00:00:00', 10, 'Mouse'], // back the next month (offset 1)
      [3, 1, '2025-02-15 00:00:00', 10, 'Mouse'], // twice in a month counts once
      [4, 2, '2025-01-10 00:00:00', 10, 'Mouse'], // client 2: cohort 2025-01, back at offset 3
      [5, 2, '2025-04-10 00:00:00', 10, 'Mouse'],
      [6, 3, '2025-03-01 00:00:00', 10, 'Mouse'], // client 3: cohort 2025-03, never back
    ]
    const table = retentionOf(rows)
    const row = (cohort: string, month_offset: number, active_clients: number, cohort_size: number) => ({
      cohort,
      month_offset,
      active_clients,
      cohort_size,
      retention: active_clients / cohort_size,
      cohort_offset: cohortOffsetKey(cohort, month_offset),
    })
    expect(records(table)).toEqual([
      row('2025-01', 0, 2, 2),
      row('2025-01', 1, 1, 2),
      row('2025-01', 2, 0, 2),
      row('2025-01', 3, 1, 2),
      row('2025-03', 0, 1, 1),
      row('2025-03', 1, 0, 1),
    ])
    expect(dtypes(table)).toEqual({
      cohort: 'String',
      month_offset: 'Int64',
      active_clients: 'Int64',
      cohort_size: 'Int64',
      retention: 'Float64',
      cohort_offset: 'String',
    })
  })

  it('crosses year ends: December to January is one month', () => {
    const table = retentionOf([
      [1, 1, '2024-12-31 12:00:00', 10, 'Mouse'],
      [2, 1, '2025-01-01 00:00:00', 10, 'Mouse'],
    ])
    expect(records(table).map((r) => [r.cohort_offset, r.active_clients])).toEqual([
      ['2024-12+000', 1],
      ['2024-12+001', 1],
    ])
  })

  it('matches a plain-JS reference over the fact on a few years of irregular purchases', () => {
    const rows = purchases(600)
    const table = retentionOf(rows)
    expect(table.columns).toEqual([...RETENTION_COLUMNS])
    expect(records(table)).toEqual(referenceRetention(rows.map(([, client, at]) => ({ client, at }))))
    // Every key is unique, and its text order is the (cohort, offset) order the table is sorted in.
    const keys = table.getColumn('cohort_offset').toArray() as string[]
    expect(new Set(keys).size).toBe(keys.length)
    expect([...keys].sort()).toEqual(keys)
  })

  it('is the same when client ids are too far apart to count from the lowest (ranked instead)', () => {
    // Ids from −(2^53 − 1) to 2^53 − 2 over 16 years (192 months): 2^54 · 192 is past the key's limit
    // (2^61), so clients are numbered by rank.
    const far = (client: number) => (client === 1 ? -(2 ** 53 - 1) : 2 ** 53 - 1 - client)
    const rows: PurchaseRow[] = [...purchases(300), [301, 1, '2009-01-15 10:00:00', 10, 'Mouse']]
    const farRows = rows.map(
      ([id, client, at, amount, product]): PurchaseRow => [id, far(client), at, amount, product],
    )
    const clients = silverClients(Array.from({ length: 40 }, (_, i) => [far(i + 1), '2001-01-01'] as const))
    const { clients: dim, achats } = prepareInputs({ clients, achats: silverAchats(farRows) })
    const table = buildRetention(buildFact(dim, achats))
    expect(records(table)).toEqual(referenceRetention(rows.map(([, client, at]) => ({ client, at }))))
  })

  it('is the table buildGold registers', () => {
    const rows = purchases(200)
    const gold = buildGold({ clients: clientsOf(), achats: silverAchats(rows) })
    expect(gold.tables.cohort_retention.frameEqual(retentionOf(rows), true)).toBe(true)
  })
})
