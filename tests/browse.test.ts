/**
 * The data browser's core (issue 14) over a real run: pages, sorts, filters and stats of the lake's
 * tables equal Polars reading the same Parquet file eagerly; a bad column or table is refused by name;
 * the whole-result CSV export parses back to the same rows. Through the contract's dispatcher, as every
 * binding calls it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import { beforeAll, describe, expect, it } from 'vitest'
import { BrowseService } from '../src-main/core/browse/browse-service.ts'
import { lakeTable } from '../src-main/core/browse/lake-tables.ts'
import { parquetCsv } from '../src-main/core/browse/parquet-browse.ts'
import { dispatch, unwrap } from '../src-main/core/rpc.ts'
import { toJsonValue } from '../src-main/core/serving/json-values.ts'
import type { CallInput, CallName, CallOutput, Row, RunRecord } from '../src-preload/contract.ts'
import { expectCsvOf, jsonRows } from './helpers/browse-reference.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

const dataDir = tempDir('medallion-browse-')
const core = testCore(dataDir)
let run: RunRecord

const ask = <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> =>
  dispatch(core.handlers, name, input).then((envelope) => unwrap(envelope) as CallOutput<N>)

const refusal = (name: CallName, input: unknown) =>
  dispatch(core.handlers, name, input).then((envelope) => ('error' in envelope ? envelope.error : undefined))

function parquetOf(layer: 'bronze' | 'silver' | 'gold', table: string): string {
  return join(dataDir, 'lake', run.layers[layer] as string, `${table}.parquet`)
}

beforeAll(async () => {
  // 5 % dirty rows: silver's rejects hold every reason.
  await core.sources.generate({ clients: 300, seed: 7, dirtyShare: 0.05 }).done
  run = await core.pipeline.start({ from: 'bronze', maxRejectShare: 0.5 }).done
}, 120_000)

describe('data browser over the lake', () => {
  it('lists the kept runs and each layer’s tables, rejects among silver’s', async () => {
    const tables = await ask('data.browseTables', {})
    expect(tables.runId).toBe(run.runId)
    expect(tables.runs.map((r) => r.runId)).toEqual([run.runId])
    expect(tables.layers.silver).toEqual(['achats', 'clients', 'rejects'])
    expect(tables.layers.gold).toContain('client_scores')
    expect(tables.layers.bronze).toEqual(['achats', 'clients'])
    expect(tables.collections).toBeUndefined()
  })

  it('pages through silver/achats unsorted: each page is the file’s rows at that offset', async () => {
    const frame = pl.readParquet(parquetOf('silver', 'achats'))
    const limit = 700
    const seen: Row[] = []
    for (let offset = 0; offset < frame.height; offset += limit) {
      const page = await ask('data.browse', { source: { layer: 'silver', table: 'achats' }, offset, limit })
      expect(page.runId).toBe(run.runId)
      expect(page.total).toBe(frame.height)
      expect(page.rows).toEqual(jsonRows(frame.slice(offset, limit)))
      seen.push(...page.rows)
    }
    expect(seen.length).toBe(frame.height)
    const page = await ask('data.browse', { source: { layer: 'silver', table: 'achats' }, limit: 1 })
    expect(page.columns.map((c) => c.name)).toEqual(frame.columns)
    expect(page.columns.find((c) => c.name === 'montant')?.type).toBe('number')
    expect(page.columns.find((c) => c.name === 'date_achat')?.type).toBe('datetime')
  })

  it('sorts by a column either way (nulls last, ties in file order) and filters by several', async () => {
    const path = parquetOf('gold', 'fact_achats')
    const frame = pl.readParquet(path)
    const desc = await ask('data.browse', {
      source: { layer: 'gold', table: 'fact_achats' },
      sort: { column: 'montant', desc: true },
      offset: 5,
      limit: 50,
    })
    const expected = frame.sort('montant', true, true, true).slice(5, 50)
    expect(desc.rows).toEqual(jsonRows(expected))

    const filtered = await ask('data.browse', {
      source: { layer: 'gold', table: 'fact_achats' },
      filters: [
        { column: 'pays', op: 'eq', value: 'France' },
        { column: 'montant', op: 'gt', value: '100' },
        { column: 'date_achat', op: 'gte', value: '2025-06-01' },
        { column: 'produit', op: 'contains', value: 'o' },
      ],
      sort: { column: 'date_achat', desc: false },
      limit: 10_000,
    })
    const kept = frame
      .filter(
        pl
          .col('pays')
          .eq(pl.lit('France'))
          .and(pl.col('montant').gt(100))
          .and(pl.col('jour').gtEq(pl.lit('2025-06-01')))
          .and(pl.col('produit').str.contains('o', true)),
      )
      .sort('date_achat', false, true, true)
    expect(kept.height).toBeGreaterThan(0)
    expect(filtered.total).toBe(kept.height)
    expect(filtered.rows).toEqual(jsonRows(kept))
  })

  it('every column sorts either way like a stable sort with nulls last, pages inside runs of ties included', async () => {
    for (const [layer, table] of [
      ['silver', 'rejects'],
      ['gold', 'fact_achats'],
    ] as const) {
      const frame = pl.readParquet(parquetOf(layer, table))
      for (const column of frame.columns) {
        for (const desc of [false, true]) {
          const sorted = frame.sort(column, desc, true, true)
          // The first page, one in the middle (inside ties on low-cardinality columns), the last rows.
          for (const offset of [0, Math.floor(frame.height / 2) - 7, frame.height - 5]) {
            const page = await ask('data.browse', {
              source: { layer, table },
              sort: { column, desc },
              offset,
              limit: 20,
            })
            expect(page.rows, `${table} by ${column}${desc ? ' desc' : ''} at ${offset}`).toEqual(
              jsonRows(sorted.slice(offset, 20)),
            )
          }
        }
      }
    }
  }, 120_000)

  it('stats equal Polars’ own null_count, min, max and n_unique, under a filter too', async () => {
    const frame = pl.readParquet(parquetOf('silver', 'rejects'))
    const stats = await ask('data.browseStats', { source: { layer: 'silver', table: 'rejects' } })
    expect(stats.rows).toBe(frame.height)
    expect(frame.height).toBeGreaterThan(0)
    for (const column of stats.columns) {
      const series = frame.getColumn(column.name)
      expect(column.nulls, column.name).toBe(series.nullCount())
      expect(column.distinct, column.name).toBe(series.nUnique())
      // Series.min() answers null for text in nodejs-polars: ask the frame's expression.
      const [bounds] = frame
        .select(pl.col(column.name).min().alias('min'), pl.col(column.name).max().alias('max'))
        .toRecords()
      expect(column.min, column.name).toEqual(toJsonValue(bounds?.min))
      expect(column.max, column.name).toEqual(toJsonValue(bounds?.max))
    }
    const reason = String(frame.getColumn('reason').get(0))
    const one = await ask('data.browseStats', {
      source: { layer: 'silver', table: 'rejects' },
      filters: [{ column: 'reason', op: 'eq', value: reason }],
    })
    expect(one.rows).toBe(frame.filter(pl.col('reason').eq(pl.lit(reason))).height)
    expect(one.columns.find((c) => c.name === 'reason')).toMatchObject({
      distinct: 1,
      min: reason,
      max: reason,
    })
  })

  it('refuses an unknown column, a value of the wrong type and an unknown table, naming them', async () => {
    const source = { layer: 'silver', table: 'achats' } as const
    const sort = await refusal('data.browse', { source, sort: { column: 'prix', desc: false } })
    expect(sort?.code).toBe('invalid_input')
    expect(sort?.message).toMatch(/no column "prix" in silver\/achats.*its columns: .*montant/)
    const filter = await refusal('data.browseStats', {
      source,
      filters: [{ column: 'montant', op: 'gt', value: 'beaucoup' }],
    })
    expect(filter?.code).toBe('invalid_input')
    expect(filter?.message).toMatch(/montant \(number\) expects a number, got "beaucoup"/)
    const table = await refusal('data.browse', { source: { layer: 'silver', table: 'nope' } })
    expect(table?.code).toBe('not_found')
    expect(table?.message).toMatch(/no table silver\/nope .*achats, clients, rejects/)
    const badRun = await refusal('data.browse', { source: { run: '20200101T000000000Z-zz', ...source } })
    expect(badRun?.message).toMatch(/no kept run 20200101T000000000Z-zz/)
    const schema = await refusal('data.browse', { source: { layer: 'silver', table: '../gold' } })
    expect(schema?.code).toBe('invalid_input')
    const collection = await refusal('data.browse', { source: { collection: 'gold_client_scores' } })
    expect(collection?.code).toBe('unavailable')
  })

  it('exports the whole sorted, filtered result as CSV that parses back to the same rows', async () => {
    const out = join(tempDir('medallion-browse-export-'), 'rejects.csv')
    const browse = new BrowseService(core, dataDir)
    const query = {
      source: { layer: 'silver' as const, table: 'rejects' },
      sort: { column: 'row_number', desc: true },
      filters: [],
    }
    const rows = await browse.exportCsv(query, out)
    const frame = pl.readParquet(parquetOf('silver', 'rejects')).sort('row_number', true, true, true)
    expect(rows).toBe(frame.height)
    const text = readFileSync(out, 'utf8')
    expectCsvOf(text, frame, pl.readCSV)
    // Nothing else is left beside it (the partial file was renamed).
    expect(readdirSync(join(out, '..'))).toEqual(['rejects.csv'])
    // A staged export for HTTP: the same bytes, in the data folder's private staging.
    const staged = await browse.stageCsv(query)
    expect(readFileSync(staged.path, 'utf8')).toBe(text)
    expect(existsSync(staged.path)).toBe(true)
  })

  it('a sorted export in parts of a few rows writes the same CSV as one stable sort (ties and nulls included)', async () => {
    const folder = tempDir('medallion-browse-parts-')
    const rejects = pl.readParquet(parquetOf('silver', 'rejects'))
    const cases = [
      { column: 'reason', desc: false },
      { column: 'row_number', desc: true },
      { column: 'value', desc: false },
      { column: 'field', desc: true },
    ]
    for (const [i, sort] of cases.entries()) {
      const table = await lakeTable(core.lake, { layer: 'silver', table: 'rejects' })
      const out = join(folder, `rejects-${i}.csv`)
      const rows = await parquetCsv(table, { sort, filters: [] }, out, 7)
      expect(rows, sort.column).toBe(rejects.height)
      expectCsvOf(readFileSync(out, 'utf8'), rejects.sort(sort.column, sort.desc, true, true), pl.readCSV)
    }
    // Floats and times as keys: the order of the fact by amount, then by date.
    const fact = pl.readParquet(parquetOf('gold', 'fact_achats'))
    for (const sort of [
      { column: 'montant', desc: true },
      { column: 'date_achat', desc: false },
    ]) {
      const table = await lakeTable(core.lake, { layer: 'gold', table: 'fact_achats' })
      const out = join(folder, `fact-${sort.column}.csv`)
      expect(await parquetCsv(table, { sort, filters: [] }, out, 1000)).toBe(fact.height)
      const csv = pl.readCSV(readFileSync(out, 'utf8'), { inferSchemaLength: 0 })
      const expected = fact.sort(sort.column, sort.desc, true, true).getColumn('id_achat').toArray()
      expect(csv.getColumn('id_achat').toArray().map(Number), sort.column).toEqual(expected)
    }
  })

  it('exports the columns asked for, in order, under their labels (sink and sorted parts alike); refuses an unknown one', async () => {
    const folder = tempDir('medallion-browse-labels-')
    const scores = pl.readParquet(parquetOf('gold', 'client_scores'))
    const table = await lakeTable(core.lake, { layer: 'gold', table: 'client_scores' })
    const columns = [
      { column: 'id_client', label: 'Client' },
      { column: 'prob_reachat_12m', label: 'Probability of purchase (12 m)' },
      { column: 'segment_label' },
    ]
    const expected = scores
      .select('id_client', 'prob_reachat_12m', 'segment_label')
      .rename({ id_client: 'Client', prob_reachat_12m: 'Probability of purchase (12 m)' })
    for (const sort of [undefined, { column: 'id_client', desc: true }]) {
      const out = join(folder, `scores-${sort ? 'sorted' : 'plain'}.csv`)
      const rows = await parquetCsv(table, { ...(sort ? { sort } : {}), filters: [], columns }, out, 50)
      expect(rows).toBe(scores.height)
      expectCsvOf(readFileSync(out, 'utf8'), sort ? expected.sort('Client', true) : expected, pl.readCSV)
    }
    const browse = new BrowseService(core, dataDir)
    await expect(
      browse.exportCsv(
        { source: { layer: 'gold', table: 'client_scores' }, filters: [], columns: [{ column: 'nope' }] },
        join(folder, 'nope.csv'),
      ),
    ).rejects.toThrow(/no column "nope" in .*client_scores/)
    // Checked by the contract before anything is read.
    const sameHeader = await refusal('data.browseExport', {
      source: { layer: 'gold', table: 'client_scores' },
      columns: [
        { column: 'id_client', label: 'Client' },
        { column: 'segment_label', label: 'Client' },
      ],
    })
    expect(sameHeader).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('own header'),
    })
  })
})
