/**
 * Files as people save them (issue 12): the same rows written byte for byte in other dialects — a French
 * spreadsheet's (";", Windows-1252, CRLF, decimal comma, day-first dates), UTF-8 with a byte order mark
 * and tabs, UTF-16 with "|" — and with header names written differently, blank lines and a quoted line
 * break, give the same gold as the default dialect. Lines with the wrong field count are rejects with
 * their raw text; gates fail a run that rejects too much, keeping the previous gold.
 */

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import pl from 'nodejs-polars'
import { beforeAll, describe, expect, it } from 'vitest'
import { GOLD_TABLES } from '../pipelines/gold/index.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import { ACHATS, CLIENTS, frenchExcel, text } from './helpers/dialect-files.ts'
import { tempDir, testCore, writeSources } from './helpers/temp-data.ts'

describe('files as people save them', () => {
  const dataDir = tempDir()
  const core = testCore(dataDir)
  let reference: RunRecord

  const run = (
    name: string,
    files: { clients: string | Uint8Array; achats: string | Uint8Array },
    extra = {},
  ) =>
    core.pipeline.start({
      from: 'bronze',
      inputDir: writeSources(join(dataDir, name), files),
      ...extra,
    }).done
  const gold = (record: RunRecord, table: string) =>
    pl.readParquet(join(dataDir, 'lake', record.layers.gold as string, `${table}.parquet`))
  const rejects = (record: RunRecord) =>
    pl.readParquet(join(dataDir, 'lake', record.layers.silver as string, 'rejects.parquet'))

  function expectSameGold(record: RunRecord, as: RunRecord = reference) {
    expect(record.status).toBe('succeeded')
    for (const table of GOLD_TABLES) {
      const same = gold(record, table).frameEqual(gold(as, table), true)
      expect(same, `gold ${table}`).toBe(true)
    }
  }

  beforeAll(async () => {
    reference = await run('default', { clients: text(CLIENTS), achats: text(ACHATS) })
  }, 60_000)

  it('reads the default dialect as before, and says how it read each file', () => {
    expect(reference.kpis?.total_achats).toBe(6)
    expect(reference.dialect?.achats).toEqual({
      format: 'csv',
      delimiter: ',',
      encoding: 'utf-8',
      bom: false,
      decimal: '.',
      dateFormat: '%Y-%m-%d',
      detected: ['encoding', 'delimiter', 'decimal', 'dateFormat'],
    })
    expect(reference.files).toEqual({
      clients: { read: 4, kept: 4, rejected: 0, blank: 0 },
      achats: { read: 6, kept: 6, rejected: 0, blank: 0 },
    })
  })

  it("reads a French spreadsheet's CSV (;, Windows-1252, CRLF, decimal comma, day-first dates) to the same gold", async () => {
    const record = await run('fr-excel', {
      clients: frenchExcel(CLIENTS, 'date_inscription'),
      achats: frenchExcel(ACHATS, 'date_achat', 'montant'),
    })
    expectSameGold(record)
    expect(record.dialect?.achats).toMatchObject({
      delimiter: ';',
      encoding: 'windows-1252',
      decimal: ',',
      dateFormat: '%d/%m/%Y',
    })
    expect(gold(record, 'dim_clients').getColumn('nom').toArray()).toContain('Zoé Lefèvre')
  })

  it('reads UTF-8 with a byte order mark and tabs, header names written otherwise, blank lines and a quoted line break', async () => {
    const header = ['ID Client', 'Nom', 'E-mail', 'Date Inscription', 'PAYS']
    const [, ...rows] = CLIENTS
    const withBreak = rows.map((r) => (r[0] === '3' ? [r[0], '"Ana\nNúñez"', ...r.slice(2)] : r))
    const clients = `\uFEFF${text([header, ...withBreak.slice(0, 2)], '\t')}\t\t\t\t\n\n${text(withBreak.slice(2), '\t')}`
    const record = await run('utf8-bom-tab', { clients, achats: `\uFEFF${text(ACHATS, '\t')}` })
    expect(record.status).toBe('succeeded')
    expect(record.files?.clients).toEqual({ read: 6, kept: 4, rejected: 0, blank: 2 })
    expect(record.dialect?.clients).toMatchObject({ delimiter: '\t', encoding: 'utf-8', bom: true })
    // The name with a line break differs, so the client tables differ there only; the sales do not.
    for (const table of ['fact_achats', 'ca_monthly', 'ca_country', 'ca_product'])
      expect(gold(record, table).frameEqual(gold(reference, table), true), table).toBe(true)
    const silver = pl.readParquet(join(dataDir, 'lake', record.layers.silver as string, 'clients.parquet'))
    // Line numbers are the file's: the blank lines and the quoted break move the later clients down.
    expect(silver.select('id_client', '_row_number').toRecords()).toEqual([
      { id_client: 1, _row_number: 2 },
      { id_client: 2, _row_number: 3 },
      { id_client: 3, _row_number: 6 },
      { id_client: 4, _row_number: 8 },
    ])
  })

  it('reads UTF-16 with its byte order mark and "|" to the same gold', async () => {
    const utf16 = (rows: string[][]) => iconv.encode(text(rows, '|'), 'utf16-le', { addBOM: true })
    const record = await run('utf16-pipe', { clients: utf16(CLIENTS), achats: utf16(ACHATS) })
    expectSameGold(record)
    expect(record.dialect?.clients).toMatchObject({ delimiter: '|', encoding: 'utf-16', bom: true })
  })

  it('rejects a line with an unquoted decimal comma as wrong_field_count, and leaves it out of the revenue', async () => {
    const achats = `${text(ACHATS)}7,3,2025-05-20 10:00:00,56,22,Souris\n8,4,2025-05-21 11:00:00,19.99,Tapis\n`
    const record = await run('decimal-comma', { clients: text(CLIENTS), achats }, { maxRejectShare: 0.5 })
    expect(record.status).toBe('succeeded')
    const wrong = rejects(record).filter(pl.col('reason').eq(pl.lit('wrong_field_count')))
    expect(wrong.select('source', 'row_number', 'value').toRecords()).toEqual([
      { source: 'achats.csv', row_number: 8, value: '7,3,2025-05-20 10:00:00,56,22,Souris' },
    ])
    expect(record.kpis?.total_ca).toBeCloseTo((reference.kpis?.total_ca ?? 0) + 19.99, 6)
    expect(record.files?.achats).toEqual({ read: 8, kept: 7, rejected: 1, blank: 0 })
    expect(record.quality.achats).toMatchObject({
      initial_rows: 8,
      dropped_wrong_field_count: 1,
      final_rows: 7,
    })
  })

  it('takes the dialect given over the one detected', async () => {
    const record = await run(
      'given',
      {
        clients: frenchExcel(CLIENTS, 'date_inscription'),
        achats: frenchExcel(ACHATS, 'date_achat', 'montant'),
      },
      {
        dialect: {
          clients: { delimiter: ';', encoding: 'windows-1252', dateFormat: '%d/%m/%Y' },
          achats: { delimiter: ';', encoding: 'windows-1252', decimal: ',', dateFormat: '%d/%m/%Y %H:%M:%S' },
        },
      },
    )
    expectSameGold(record)
    expect(record.dialect?.achats?.detected).toEqual([])
  })

  it('asks for the date format when the dates read as well day first as month first', async () => {
    const ambiguous = CLIENTS.map((r, i) => (i === 0 ? r : [...r.slice(0, 3), '03/04/2025', r[4] as string]))
    const error = await run('ambiguous', { clients: text(ambiguous), achats: text(ACHATS) }).catch((e) => e)
    expect(error.message).toMatch(
      /clients\.csv: the dates in date_inscription \(e\.g\. "03\/04\/2025"\).*--date-format %d\/%m\/%Y/,
    )
    const given = await run(
      'ambiguous-given',
      { clients: text(ambiguous), achats: text(ACHATS) },
      { dialect: { clients: { dateFormat: '%m/%d/%Y' } } },
    )
    expect(given.status).toBe('succeeded')
  })

  it('refuses a header with two names for one column, naming both', async () => {
    const clients = text([
      ['id_client', 'nom', 'email', 'date_inscription', 'pays', 'Pays '],
      ...CLIENTS.slice(1).map((r) => [...r, 'x']),
    ])
    const error = await run('duplicate-header', { clients, achats: text(ACHATS) }).catch((e) => e)
    expect(error.message).toBe(
      'clients.csv: the columns "pays" and "Pays " have the same name once case, spaces and accents are ignored: rename or remove one',
    )
    // The same name twice, as written (Polars' reader would have renamed the second one).
    const twice = text([[...(CLIENTS[0] as string[]), 'nom'], ...CLIENTS.slice(1).map((r) => [...r, 'x'])])
    const repeated = await run('repeated-header', { clients: twice, achats: text(ACHATS) }).catch((e) => e)
    expect(repeated.message).toBe(
      'clients.csv: the columns "nom" and "nom" have the same name once case, spaces and accents are ignored: rename or remove one',
    )
  })

  describe('gates', () => {
    it('fails a run whose clients are all rejected, keeping the previous gold, and says why with an example', async () => {
      const before = await core.lake.currentRun()
      const noEmail = CLIENTS.map((r, i) => (i === 0 ? r : ([r[0], r[1], 'nobody', r[3], r[4]] as string[])))
      const error = await run('no-client', { clients: text(noEmail), achats: text(ACHATS) }).catch((e) => e)
      expect(error.message).toMatch(
        /^clients\.csv: no client survived silver: all 4 rows were rejected; the previous gold stays current\. main reasons: invalid_email ×4 \(line 2: email "nobody"\)/,
      )
      expect((await core.lake.currentRun())?.runId).toBe(before?.runId)
    })

    it('fails a run past the reject share, naming the main reasons and where the rejects are', async () => {
      const before = await core.lake.currentRun()
      const achats = ACHATS.map((r, i) =>
        i === 0 || i > 2 ? r : [...r.slice(0, 2), 'le 1er mars', ...r.slice(3)],
      )
      const error = await run('too-many', { clients: text(CLIENTS), achats: text(achats) }).catch((e) => e)
      expect(error.message).toMatch(
        /^achats\.csv: 2 of 6 rows were rejected \(33 %, more than the 10 % --max-reject-share allows\); the previous gold stays current\. main reasons: invalid_date ×2 \(line 2: date_achat "le 1er mars"\)/,
      )
      expect(error.message).toMatch(/every rejected row is in silver\/\S+\/rejects\.parquet/)
      expect((await core.lake.currentRun())?.runId).toBe(before?.runId)
      // The failed run keeps its bronze, silver and rejects, and its record says how far it got.
      const [failed] = await core.pipeline.runs(1)
      expect(failed).toMatchObject({
        status: 'failed',
        files: { achats: { read: 6, kept: 4, rejected: 2, blank: 0 } },
      })
      expect(failed?.layers).toEqual({ bronze: `bronze/${failed?.runId}`, silver: `silver/${failed?.runId}` })
      expect(failed?.quality.achats).toMatchObject({
        initial_rows: 6,
        dropped_invalid_date: 2,
        final_rows: 4,
      })
      expect(
        rejects(failed as RunRecord)
          .select('row_number', 'reason')
          .toRecords(),
      ).toEqual([
        { row_number: 2, reason: 'invalid_date' },
        { row_number: 3, reason: 'invalid_date' },
      ])
      // The same files pass when the share allowed is higher.
      const allowed = await run(
        'too-many-allowed',
        { clients: text(CLIENTS), achats: text(achats) },
        { maxRejectShare: 0.5 },
      )
      expect(allowed.status).toBe('succeeded')
    })

    it('suggests the separator when amounts written with a decimal comma split a comma-separated file', async () => {
      const achats = text(
        ACHATS.map((r, i) => (i === 0 ? r : r.map((v, j) => (j === 3 ? v.replace('.', ',') : v)))),
      )
      const error = await run('comma-split', { clients: text(CLIENTS), achats }).catch((e) => e)
      expect(error.message).toMatch(/no purchase survived silver: all 6 rows were rejected/)
      expect(error.message).toMatch(/main reasons: wrong_field_count ×6 \(line 2\)\. likely fix: /)
      // A whole line is not quoted into the message (the rejects table keeps it).
      expect(error.message).not.toContain('Écran')
      expect(error.message).toMatch(/likely fix: numbers written with a decimal comma split into two fields/)
    })
  })

  it('generates the French-spreadsheet dialect (medallion generate --dialect fr-excel), which reads to the same gold', async () => {
    const plain = join(dataDir, 'generated-default')
    const french = join(dataDir, 'generated-fr')
    await core.sources.generate({ clients: 200, outDir: plain }).done
    await core.sources.generate({ clients: 200, outDir: french, dialect: 'fr-excel' }).done
    const bytes = readFileSync(join(french, 'achats.csv'))
    const firstLines = bytes.toString('latin1').split('\r\n').slice(0, 2)
    expect(firstLines[0]).toBe('id_achat;id_client;date_achat;montant;produit')
    expect(firstLines[1]).toMatch(/^1;\d+;\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2};\d+,\d+;\w+/)
    const plainRun = await core.pipeline.start({ from: 'bronze', inputDir: plain }).done
    const record = await core.pipeline.start({ from: 'bronze', inputDir: french }).done
    expectSameGold(record, plainRun)
    expect(record.dialect?.achats).toMatchObject({ delimiter: ';', decimal: ',', dateFormat: '%d/%m/%Y' })
  })
})
