import pl from 'nodejs-polars'
import { describe, expect, it } from 'vitest'
import { cleanAchats } from '../pipelines/silver/achats.ts'
import { cleanClients } from '../pipelines/silver/clients.ts'
import { buildSilver } from '../pipelines/silver/index.ts'
import { titleCase } from '../pipelines/silver/title-case.ts'
import { ACHAT_COLUMNS, bronzeFrame, CLIENT_COLUMNS } from './helpers/bronze-frame.ts'

// 2026-01-20 12:00:00 UTC
const NOW = Date.UTC(2026, 0, 20, 12) * 1000
const options = { nowMicros: NOW }

const clients = (rows: (string | null)[][]) => bronzeFrame('clients.csv', CLIENT_COLUMNS, rows)
const achats = (rows: (string | null)[][]) => bronzeFrame('achats.csv', ACHAT_COLUMNS, rows)
const goodClient = (id: string): string[] => [id, 'Ann Lee', 'ann@example.com', '2024-03-01', 'France']
const goodAchat = (id: string, client = '1'): string[] => [id, client, '2025-06-01 10:00:00', '12.5', 'Mouse']

function reasons(df: pl.DataFrame): { row: number; reason: string; field: string; value: string | null }[] {
  return (
    df.toRecords() as { row_number: number; reason: string; field: string; value: string | null }[]
  ).map((r) => ({ row: Number(r.row_number), reason: r.reason, field: r.field, value: r.value }))
}

describe('silver clients: the original rules in order, each drop kept as a reject', () => {
  it('rejects non-numeric, non-whole and blank ids as invalid_id', () => {
    const r = cleanClients(
      clients([goodClient('1'), goodClient('abc'), goodClient('2.5'), goodClient(' ')]),
      options,
    )
    expect(r.clean.getColumn('id_client').toArray()).toEqual([1])
    expect(reasons(r.rejects).map((x) => [x.row, x.reason, x.field])).toEqual([
      [3, 'invalid_id', 'id_client'],
      [4, 'invalid_id', 'id_client'],
      [5, 'invalid_id', 'id_client'],
    ])
    expect(r.quality.dropped_invalid_id).toBe(3)
  })

  it('accepts "12.0" as id 12, and reports the first blank field of nom/email/pays', () => {
    const r = cleanClients(
      clients([
        goodClient('12.0'),
        ['3', '', 'x@y.z', '2024-01-01', 'France'],
        ['4', 'Bo', 'b@y.z', '2024-01-01', '  '],
      ]),
      options,
    )
    expect(r.clean.getColumn('id_client').toArray()).toEqual([12])
    expect(reasons(r.rejects).map((x) => [x.reason, x.field])).toEqual([
      ['missing_field', 'nom'],
      ['missing_field', 'pays'],
    ])
    expect(r.quality.dropped_missing).toBe(2)
  })

  it('rejects unparsable dates, then dates out of range, then e-mails without @', () => {
    const r = cleanClients(
      clients([
        ['1', 'A', 'a@x.io', 'not-a-date', 'France'],
        ['2', 'B', 'b@x.io', '2024-13-45', 'France'],
        ['3', 'C', 'c@x.io', '1999-12-31', 'France'],
        ['4', 'D', 'd@x.io', '2999-01-01', 'France'],
        ['5', 'E', 'e.x.io', '2024-01-01', 'France'],
        ['6', 'F', 'f@x.io', '2000-01-01', 'France'],
      ]),
      options,
    )
    expect(reasons(r.rejects).map((x) => x.reason)).toEqual([
      'invalid_date',
      'invalid_date',
      'date_out_of_range',
      'date_out_of_range',
      'invalid_email',
    ])
    expect(r.clean.getColumn('id_client').toArray()).toEqual([6])
    expect(r.quality).toMatchObject({
      dropped_invalid_date: 2,
      dropped_out_of_range: 2,
      dropped_invalid_email: 1,
      final_rows: 1,
    })
  })

  it('keeps the first of duplicate ids in file order, and a rejected row never shadows a valid one', () => {
    const r = cleanClients(
      clients([
        ['7', 'Bad', 'no-at-sign', '2024-01-01', 'France'],
        ['7', 'First', 'first@x.io', '2024-01-01', 'France'],
        ['7', 'Second', 'second@x.io', '2024-01-01', 'France'],
      ]),
      options,
    )
    expect(r.clean.getColumn('nom').toArray()).toEqual(['First'])
    expect(reasons(r.rejects).map((x) => [x.row, x.reason])).toEqual([
      [2, 'invalid_email'],
      [4, 'duplicate_id'],
    ])
  })

  it('normalises: trims names, lower-cases e-mails, title-cases countries but keeps "UK"', () => {
    const r = cleanClients(
      clients([
        ['1', '  Ann Lee ', ' Ann@Example.COM ', '2024-03-01', ' netherland '],
        ['2', 'B', 'b@x.io', '2024-03-01', 'UK'],
      ]),
      options,
    )
    expect(r.clean.select('nom', 'email', 'pays').toRecords()).toEqual([
      { nom: 'Ann Lee', email: 'ann@example.com', pays: 'Netherland' },
      { nom: 'B', email: 'b@x.io', pays: 'UK' },
    ])
  })

  it('keeps date_inscription as a real timestamp at midnight, never shifted by a time zone', () => {
    const r = cleanClients(clients([['1', 'A', 'a@x.io', '2024-03-01 18:30:00', 'France']]), options)
    // A naive (zone-less) microsecond datetime.
    expect(String(r.clean.schema.date_inscription)).toBe('DataType(Datetime(us,))')
    expect(r.clean.getColumn('date_inscription').toArray()[0]).toEqual(new Date('2024-03-01T00:00:00Z'))
  })

  it('never drops a recent row as "future" because of a time zone: the bound is now + 14 h', () => {
    const r = cleanClients(
      clients([
        ['1', 'A', 'a@x.io', '2026-01-21', 'France'], // 12 h ahead of NOW: a local date east of UTC
        ['2', 'B', 'b@x.io', '2026-01-22', 'France'], // 36 h ahead: really in the future
      ]),
      options,
    )
    expect(r.clean.getColumn('id_client').toArray()).toEqual([1])
  })
})

describe('silver purchases', () => {
  const ids = pl.Series('id_client', [1, 2], pl.Int64)

  it('reports missing fields before invalid numbers, and names the field', () => {
    const r = cleanAchats(
      achats([
        ['1', '1', '2025-06-01 10:00:00', '', 'Mouse'],
        ['2', '1', '2025-06-01 10:00:00', '12,5€', 'Mouse'],
        ['x', '1', '2025-06-01 10:00:00', '10', 'Mouse'],
        ['4', '1.5', '2025-06-01 10:00:00', '10', 'Mouse'],
        ['5', '1', '2025-06-01 10:00:00', 'NaN', 'Mouse'],
        goodAchat('6'),
      ]),
      ids,
      options,
    )
    expect(reasons(r.rejects).map((x) => [x.reason, x.field, x.value])).toEqual([
      ['missing_field', 'montant', ''],
      ['invalid_number', 'montant', '12,5€'],
      ['invalid_number', 'id_achat', 'x'],
      ['invalid_number', 'id_client', '1.5'],
      ['invalid_number', 'montant', 'NaN'],
    ])
    // The original counted unparsable numbers as missing values.
    expect(r.quality.dropped_missing).toBe(5)
  })

  it('rejects bad dates, then out-of-range dates, then amounts <= 0 or > 10000, then orphans', () => {
    const r = cleanAchats(
      achats([
        ['1', '1', 'yesterday', '10', 'Mouse'],
        ['2', '1', '1999-06-01 10:00:00', '10', 'Mouse'],
        ['3', '1', '2025-06-01 10:00:00', '0', 'Mouse'],
        ['4', '1', '2025-06-01 10:00:00', '-5', 'Mouse'],
        ['5', '1', '2025-06-01 10:00:00', '10000.01', 'Mouse'],
        ['6', '1', '2025-06-01 10:00:00', 'inf', 'Mouse'],
        ['7', '99', '2025-06-01 10:00:00', '10', 'Mouse'],
        ['8', '2', '2025-06-01 10:00:00', '10000', 'Mouse'],
      ]),
      ids,
      options,
    )
    expect(reasons(r.rejects).map((x) => x.reason)).toEqual([
      'invalid_date',
      'date_out_of_range',
      'bad_amount',
      'bad_amount',
      'bad_amount',
      'bad_amount',
      'orphan_client',
    ])
    expect(r.clean.getColumn('id_achat').toArray()).toEqual([8])
    expect(r.quality).toMatchObject({ dropped_bad_amount: 4, dropped_orphan_client: 1, final_rows: 1 })
  })

  it('reads every accepted date shape, whether or not the file also has the common one', () => {
    // The fast exact parser reads 'YYYY-MM-DD HH:MM:SS'; a file with any other accepted shape is read
    // whole by the general parser: the same values either way, and impossible dates are rejected.
    const shapes = ['2025-06-01', '2025-06-01 10:00', '2025-06-01T10:00:00Z', '2025-06-01 10:00:00.250']
    const common = [
      '2025-06-01 10:00:00',
      ' 2025-06-01 10:00:01 ',
      '2025-02-30 10:00:00',
      '2025-6-01 10:00:00',
    ]
    const read = (dates: string[]) =>
      cleanAchats(achats(dates.map((d, i) => [String(i + 1), '1', d, '10', 'Mouse'])), ids, options)
    const fast = read(common)
    expect(fast.clean.getColumn('date_achat').cast(pl.Utf8).toArray()).toEqual([
      '2025-06-01 10:00:00.000000',
      '2025-06-01 10:00:01.000000',
    ])
    expect(reasons(fast.rejects).map((x) => [x.reason, x.value])).toEqual([
      ['invalid_date', '2025-02-30 10:00:00'],
      ['invalid_date', '2025-6-01 10:00:00'],
    ])
    const mixed = read([...common, ...shapes])
    expect(mixed.clean.getColumn('date_achat').cast(pl.Utf8).toArray()).toEqual([
      '2025-06-01 10:00:00.000000',
      '2025-06-01 10:00:01.000000',
      '2025-06-01 00:00:00.000000',
      '2025-06-01 10:00:00.000000',
      '2025-06-01 10:00:00.000000',
      '2025-06-01 10:00:00.250000',
    ])
    expect(reasons(mixed.rejects)).toEqual(reasons(fast.rejects))
  })

  it('keeps the last of duplicate purchase ids in file order', () => {
    const r = cleanAchats(
      achats([
        ['1', '1', '2025-06-01 10:00:00', '10', 'Mouse'],
        ['1', '1', '2025-06-01 10:00:00', '20', 'Mouse'],
        ['1', '1', '2025-06-01 10:00:00', '-1', 'Mouse'],
      ]),
      ids,
      options,
    )
    expect(r.clean.getColumn('montant').toArray()).toEqual([20])
    expect(reasons(r.rejects).map((x) => [x.row, x.reason])).toEqual([
      [2, 'duplicate_id'],
      [4, 'bad_amount'],
    ])
  })

  it('skips the orphan rule when no client survived, as the original did', () => {
    const r = cleanAchats(achats([goodAchat('1', '42')]), pl.Series('id_client', [], pl.Int64), options)
    expect(r.clean.height).toBe(1)
  })

  it('types the output and title-cases products', () => {
    const r = cleanAchats(
      achats([['3', '2', '2025-06-01T10:00:00Z', ' 19.99 ', ' usb charger ']]),
      ids,
      options,
    )
    expect(r.clean.select('id_achat', 'id_client', 'date_achat', 'montant', 'produit').toRecords()).toEqual([
      {
        id_achat: 3,
        id_client: 2,
        date_achat: new Date('2025-06-01T10:00:00Z'),
        montant: 19.99,
        produit: 'Usb Charger',
      },
    ])
    expect(r.clean.schema).toMatchObject({ id_achat: pl.Int64, id_client: pl.Int64, montant: pl.Float64 })
  })
})

describe('silver as a whole', () => {
  it('cleans purchases against the cleaned clients and gathers one rejects table with the original values', () => {
    const r = buildSilver(
      {
        clients: clients([goodClient('1'), ['2', 'B', 'bad-email', '2024-01-01', 'France']]),
        achats: achats([goodAchat('1', '1'), goodAchat('2', '2')]),
      },
      options,
    )
    expect(r.achats.getColumn('id_achat').toArray()).toEqual([1])
    const rejects = r.rejects.toRecords() as { source: string; reason: string; record: string }[]
    expect(rejects.map((x) => [x.source, x.reason])).toEqual([
      ['clients.csv', 'invalid_email'],
      ['achats.csv', 'orphan_client'],
    ])
    expect(JSON.parse(rejects[0]?.record ?? '{}')).toEqual({
      id_client: '2',
      nom: 'B',
      email: 'bad-email',
      date_inscription: '2024-01-01',
      pays: 'France',
    })
    expect(r.quality.achats).toMatchObject({ initial_rows: 2, dropped_orphan_client: 1, final_rows: 1 })
  })
})

describe('titleCase', () => {
  it.each([
    ['france', 'France'],
    ['UK', 'UK'],
    ['USA', 'USA'],
    ['GERMANY', 'Germany'],
    ['new zealand', 'New Zealand'],
    ['côte d’ivoire', 'Côte D’Ivoire'],
    ['3rd', '3Rd'],
  ])('%s → %s', (input, expected) => {
    expect(titleCase(input)).toBe(expected)
  })
})
