/**
 * Bad input never loses what was published: each case fails (or rejects rows) with a message that names
 * the file and the column or row, and the previous gold stays the current one, byte for byte.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunRecord } from '../src-preload/contract.ts'
import { tempDir, testCore, writeSources } from './helpers/temp-data.ts'

const CLIENTS = `id_client,nom,email,date_inscription,pays
1,Ann Lee,ann@example.com,2024-01-05,France
2,Bo Chan,bo@example.com,2024-02-10,UK
3,Cy Diaz,cy@example.com,2024-03-15,Spain
`
const ACHATS = `id_achat,id_client,date_achat,montant,produit
1,1,2025-06-01 10:00:00,120.5,Mouse
2,1,2025-07-01 11:00:00,80,Laptop
3,2,2025-08-01 12:00:00,42.25,Phone
4,3,2025-09-01 13:00:00,10,Webcam
`

describe('bad input', () => {
  const dataDir = tempDir()
  const core = testCore(dataDir)
  let good: RunRecord
  let goldFingerprint: string

  const goldDir = () => join(dataDir, 'lake', good.layers.gold as string)
  const fingerprint = () =>
    readdirSync(goldDir())
      .sort()
      .map((f) => `${f}:${statSync(join(goldDir(), f)).mtimeMs}`)
      .join('|')

  beforeAll(async () => {
    good = await core.pipeline.start({
      from: 'bronze',
      inputDir: writeSources(join(dataDir, 'good'), { clients: CLIENTS, achats: ACHATS }),
    }).done
    goldFingerprint = fingerprint()
  }, 60_000)

  /** Runs on the given files; returns the error (or the record when the run succeeded). */
  async function runOn(name: string, files: { clients?: string; achats?: string }, maxRejectShare?: number) {
    const dir = writeSources(join(dataDir, name), { clients: CLIENTS, achats: ACHATS, ...files })
    try {
      return { record: await core.pipeline.start({ from: 'bronze', inputDir: dir, maxRejectShare }).done }
    } catch (err) {
      return { error: err as Error & { code: string } }
    }
  }

  async function expectGoldKept() {
    const current = (await core.pipeline.runs(100)).find((r) => r.status === 'succeeded')
    expect(current?.runId).toBe(good.runId)
    expect(fingerprint()).toBe(goldFingerprint)
  }

  it('a missing required column: names the file and the column', async () => {
    const { error } = await runOn('missing-col', {
      achats: 'id_achat,id_client,date_achat,produit\n1,1,2025-06-01,Mouse\n',
    })
    expect(error?.message).toMatch(/achats\.csv: missing required column\(s\) montant/)
    expect(error?.code).toBe('missing_column')
    await expectGoldKept()
  })

  it('an empty file', async () => {
    const { error } = await runOn('empty', { clients: '' })
    expect(error?.message).toMatch(/clients\.csv is empty/)
    await expectGoldKept()
  })

  it('a header with no data rows', async () => {
    const { error } = await runOn('header-only', { clients: 'id_client,nom,email,date_inscription,pays\n' })
    expect(error?.message).toMatch(/clients\.csv has a header but no data rows/)
    await expectGoldKept()
  })

  it('a file that is not CSV', async () => {
    const dir = writeSources(join(dataDir, 'binary'), { clients: CLIENTS })
    writeFileSync(join(dir, 'achats.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x08, 0, 0xff, 0xfe]))
    const error = await core.pipeline.start({ from: 'bronze', inputDir: dir }).done.catch((e) => e)
    expect(error.message).toMatch(/achats\.csv is not a CSV file/)
    await expectGoldKept()
  })

  it('a folder without the source files', async () => {
    const error = await core.pipeline
      .start({ from: 'bronze', inputDir: join(dataDir, 'nowhere') })
      .done.catch((e) => e)
    expect(error.message).toMatch(/no clients\.csv .* in .*nowhere/)
    await expectGoldKept()
  })

  it('non-numeric amounts and dates, negative and huge amounts, orphans and duplicate ids become rejects naming the row', async () => {
    const { record } = await runOn(
      'dirty-rows',
      {
        achats: `${ACHATS}5,1,2025-06-02 10:00:00,abc,Mouse
6,1,not a date,10,Mouse
7,2,2025-06-03 10:00:00,-4,Mouse
8,2,2025-06-04 10:00:00,250000,Mouse
9,77,2025-06-05 10:00:00,10,Mouse
1,1,2025-06-01 10:00:00,120.5,Mouse
`,
      },
      // Six rejects in ten rows: far past the default gate, which another test covers.
      1,
    )
    expect(record?.status).toBe('succeeded')
    const rejects = pl
      .readParquet(join(dataDir, 'lake', record?.layers.silver as string, 'rejects.parquet'))
      .select('source', 'row_number', 'reason', 'field', 'value')
      .toRecords()
    expect(rejects).toEqual([
      { source: 'achats.csv', row_number: 2, reason: 'duplicate_id', field: 'id_achat', value: '1' },
      { source: 'achats.csv', row_number: 6, reason: 'invalid_number', field: 'montant', value: 'abc' },
      {
        source: 'achats.csv',
        row_number: 7,
        reason: 'invalid_date',
        field: 'date_achat',
        value: 'not a date',
      },
      { source: 'achats.csv', row_number: 8, reason: 'bad_amount', field: 'montant', value: '-4' },
      { source: 'achats.csv', row_number: 9, reason: 'bad_amount', field: 'montant', value: '250000' },
      { source: 'achats.csv', row_number: 10, reason: 'orphan_client', field: 'id_client', value: '77' },
    ])
    expect(record?.kpis?.total_achats).toBe(4)
  })

  it('a run where no purchase survives fails and keeps the previous gold', async () => {
    const current = (await core.pipeline.runs(1))[0] as RunRecord
    const { error } = await runOn('all-rejected', {
      achats:
        'id_achat,id_client,date_achat,montant,produit\n1,99,2025-06-01,10,Mouse\n2,1,2025-06-01,0,Mouse\n',
    })
    expect(error?.message).toMatch(/no purchase survived silver/)
    const runs = await core.pipeline.runs(100)
    expect(runs[0]?.status).toBe('failed')
    expect(runs[0]?.error).toMatch(/no purchase survived/)
    expect(runs.find((r) => r.status === 'succeeded')?.runId).toBe(current.runId)
    const goldDir = join(dataDir, 'lake', current.layers.gold as string)
    expect(readdirSync(goldDir).length).toBeGreaterThan(0)
    expect(
      JSON.parse(readFileSync(join(dataDir, 'lake', '_runs', `${current.runId}.json`), 'utf8')).status,
    ).toBe('succeeded')
  })
})
