import pl from 'nodejs-polars'
import { describe, expect, it } from 'vitest'
import { dateOrder } from './date-format.ts'
import { detectDelimiter } from './delimiter.ts'
import { headerKey, headerNames, requiredFound } from './header.ts'
import { detectDateFormat, detectDecimal } from './value-formats.ts'

const REQUIRED = ['id_client', 'date_inscription', 'pays']

describe('header names', () => {
  it('match ignoring case, spaces, _ and -, accents and a byte order mark', () => {
    expect(['\uFEFFID Client', 'Date-Inscription', ' Pays ', 'DATE_INSCRIPTION'].map(headerKey)).toEqual([
      'idclient',
      'dateinscription',
      'pays',
      'dateinscription',
    ])
    expect(headerKey('Téléphone')).toBe('telephone')
    expect(
      headerNames(['\uFEFFID Client', 'Date Inscription', 'PAYS', 'Note', ''], REQUIRED, 'c.csv'),
    ).toEqual(['id_client', 'date_inscription', 'pays', 'Note', 'column_5'])
  })

  it('refuse two columns that match the same name, and name the missing ones', () => {
    expect(() => headerNames(['id_client', 'Pays', 'pays', 'date_inscription'], REQUIRED, 'c.csv')).toThrow(
      'c.csv: the columns "Pays" and "pays" have the same name once case, spaces and accents are ignored: rename or remove one',
    )
    expect(() => headerNames(['id_client', 'pays'], REQUIRED, 'c.csv')).toThrow(
      'c.csv: missing required column(s) date_inscription; found "id_client", "pays"',
    )
  })

  it('names the columns found escaped and cut: a header may be the first line of any file', () => {
    const header = [
      'id_client',
      'a"b\\c',
      'tab\there\u001b',
      'x'.repeat(45),
      'é'.repeat(41),
      'f',
      'g',
      'h',
      'i',
      'j',
    ]
    expect(() => headerNames(header, REQUIRED, 'c.csv')).toThrow(
      `c.csv: missing required column(s) date_inscription, pays; found "id_client", "a\\"b\\\\c", "tab\\there\\u001b", "${'x'.repeat(40)}…", "${'é'.repeat(40)}…", "f", "g", "h" … and 2 more`,
    )
    expect(() => headerNames(['id_client', 'pays\n', 'PAYS', 'date_inscription'], REQUIRED, 'c.csv')).toThrow(
      'c.csv: the columns "pays\\n" and "PAYS" have the same name once case, spaces and accents are ignored',
    )
  })
})

describe('the separator', () => {
  const found = (header: string[]) => requiredFound(header, REQUIRED)

  it('is the one that splits the header into the required columns, then the lines like the header', () => {
    expect(detectDelimiter(['id_client;date_inscription;pays', '1;31/12/2024;France'], found)).toBe(';')
    expect(detectDelimiter(['id_client\tdate_inscription\tpays', '1\t2024-12-31\tFrance'], found)).toBe('\t')
    // A comma inside quotes is text; a decimal comma in a ;-file does not make it comma-separated.
    expect(
      detectDelimiter(['id_client;date_inscription;pays;montant', '1;2024-12-31;"Paris, France";5,5'], found),
    ).toBe(';')
  })

  it('is still the likeliest one when a required column is missing, so the error can name it', () => {
    expect(detectDelimiter(['id_client;pays', '1;France'], found)).toBe(';')
  })
})

describe('value formats', () => {
  const column = (values: (string | null)[]) => pl.DataFrame({ v: pl.Series('v', values, pl.Utf8) })

  it('takes a decimal comma when most sampled amounts are written so', () => {
    expect(detectDecimal(column(['56,22', '10', '1 234,50', '7.5']), 'v')).toBe(',')
    expect(detectDecimal(column(['56.22', '10', '7.5']), 'v')).toBe('.')
    expect(detectDecimal(column(['10', '20']), 'v')).toBe('.')
  })

  it('decides day or month first from the whole column, and asks when it cannot', () => {
    expect(detectDateFormat(column(['2024-12-31', '2025-01-02 10:00:00']), 'v', 'f.csv')).toBe('%Y-%m-%d')
    expect(detectDateFormat(column(['03/04/2025', '31/12/2024 08:00']), 'v', 'f.csv')).toBe('%d/%m/%Y')
    expect(detectDateFormat(column(['03.04.2025', '04.13.2025']), 'v', 'f.csv')).toBe('%m.%d.%Y')
    expect(detectDateFormat(column(['2025/04/03']), 'v', 'f.csv')).toBe('%Y/%m/%d')
    expect(() => detectDateFormat(column(['03/04/2025', '01/02/2025', null]), 'v', 'f.csv')).toThrow(
      'f.csv: the dates in v (e.g. "03/04/2025") read as well day first as month first: pass --date-format %d/%m/%Y or --date-format %m/%d/%Y',
    )
  })

  it('reads a date format as the order of its parts, and refuses one it cannot read', () => {
    expect(dateOrder('%d/%m/%Y %H:%M')).toMatchObject({ year: 3, month: 2, day: 1 })
    expect(() => dateOrder('%d %B %Y')).toThrow(/is not one Medallion reads/)
  })
})
