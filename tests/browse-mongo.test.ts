/**
 * The data browser over MongoDB collections (issue 14), on a real FerretDB with gold published by the
 * real publisher: the collections are listed, a sorted, filtered page equals the gold Parquet file read by
 * Polars (the publish's own fields aside), the stats equal Polars' over the same rows, a bad column is
 * refused by name, and the CSV export writes every document.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Core, createCore } from '../src-main/core/app-core.ts'
import { BrowseService } from '../src-main/core/browse/browse-service.ts'
import { dispatch, unwrap } from '../src-main/core/rpc.ts'
import { toJsonValue } from '../src-main/core/serving/json-values.ts'
import type { CallInput, CallName, CallOutput, Row, RunRecord } from '../src-preload/contract.ts'
import { jsonRows } from './helpers/browse-reference.ts'
import {
  FERRETDB_AVAILABLE,
  FERRETDB_SKIP_REASON,
  type RunningMongo,
  startFerretDb,
} from './helpers/ferretdb.ts'
import { SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'

/** What the publisher adds to each document. */
const PUBLISH_FIELDS = ['_id', '_hash', '_publish_id']

describe.skipIf(!FERRETDB_AVAILABLE)(
  `data browser over MongoDB collections (${FERRETDB_AVAILABLE ? 'FerretDB' : FERRETDB_SKIP_REASON})`,
  () => {
    const dataDir = tempDir('medallion-browse-mongo-')
    let server: RunningMongo
    let core: Core
    let run: RunRecord
    let scores: pl.DataFrame

    const ask = <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> =>
      dispatch(core.handlers, name, input).then((envelope) => unwrap(envelope) as CallOutput<N>)

    const withoutPublishFields = (rows: Row[]) =>
      rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !PUBLISH_FIELDS.includes(k))))

    beforeAll(async () => {
      server = await startFerretDb()
      core = createCore({ dataDir, paths: SOURCE_PATHS, mongo: { url: server.url, db: 'gold_serving' } })
      await core.sources.generate({ clients: 120, seed: 9, dirtyShare: 0 }).done
      run = await core.pipeline.start({ from: 'bronze' }).done
      await core.publish().done
      scores = pl.readParquet(join(dataDir, 'lake', run.layers.gold as string, 'client_scores.parquet'))
    }, 300_000)

    afterAll(async () => {
      await core?.close()
      await server?.stop()
    })

    it('lists the serving database’s collections beside the lake’s tables', async () => {
      const tables = await ask('data.browseTables', {})
      expect(tables.collections).toContain('gold_client_scores')
      expect(tables.collections).toContain('gold_fact_achats')
      expect(tables.layers.gold).toContain('client_scores')
    })

    it('a sorted, filtered page equals the gold file’s rows', async () => {
      const label = String(scores.getColumn('segment_label').get(0))
      const page = await ask('data.browse', {
        source: { collection: 'gold_client_scores' },
        sort: { column: 'id_client', desc: true },
        filters: [{ column: 'segment_label', op: 'eq', value: label }],
        offset: 3,
        limit: 20,
      })
      const kept = scores.filter(pl.col('segment_label').eq(pl.lit(label))).sort('id_client', true)
      expect(page.total).toBe(kept.height)
      expect(withoutPublishFields(page.rows)).toEqual(jsonRows(kept.slice(3, 20)))
      expect(page.columns.map((c) => c.name).filter((n) => !PUBLISH_FIELDS.includes(n))).toEqual(
        scores.columns,
      )
    })

    it('stats equal Polars’ null_count, min, max and n_unique of the same rows', async () => {
      const stats = await ask('data.browseStats', {
        source: { collection: 'gold_client_scores' },
        filters: [{ column: 'monetary_12m', op: 'gt', value: '500' }],
      })
      const kept = scores.filter(pl.col('monetary_12m').gt(500))
      expect(stats.rows).toBe(kept.height)
      for (const name of scores.columns) {
        const column = stats.columns.find((c) => c.name === name)
        const [bounds] = kept
          .select(pl.col(name).min().alias('min'), pl.col(name).max().alias('max'))
          .toRecords()
        expect(column, name).toMatchObject({
          nulls: kept.getColumn(name).nullCount(),
          distinct: kept.getColumn(name).nUnique(),
          min: toJsonValue(bounds?.min),
          max: toJsonValue(bounds?.max),
        })
      }
    })

    it('refuses an unknown column or collection by name, and exports every document as CSV', async () => {
      const bad = await dispatch(core.handlers, 'data.browse', {
        source: { collection: 'gold_client_scores' },
        sort: { column: 'score', desc: false },
      })
      expect('error' in bad && bad.error.message).toMatch(
        /no column "score" in collection gold_client_scores/,
      )
      const missing = await dispatch(core.handlers, 'data.browse', { source: { collection: 'nope' } })
      expect('error' in missing && missing.error.message).toMatch(/no collection nope .*gold_client_scores/)
      const out = join(tempDir('medallion-browse-mongo-csv-'), 'scores.csv')
      const rows = await new BrowseService(core, dataDir).exportCsv(
        {
          source: { collection: 'gold_client_scores' },
          sort: { column: 'id_client', desc: false },
          filters: [],
        },
        out,
      )
      expect(rows).toBe(scores.height)
      const csv = pl.readCSV(readFileSync(out, 'utf8'), { inferSchemaLength: 0 })
      expect(csv.height).toBe(scores.height)
      expect(csv.getColumn('id_client').toArray().map(Number)).toEqual(
        scores.sort('id_client').getColumn('id_client').toArray(),
      )
      expect(csv.getColumn('segment_label').toArray()).toEqual(
        scores.sort('id_client').getColumn('segment_label').toArray(),
      )
    })

    it('exports the columns asked for under their labels, as the UI’s tables do', async () => {
      const out = join(tempDir('medallion-browse-mongo-labels-'), 'scores.csv')
      const rows = await new BrowseService(core, dataDir).exportCsv(
        {
          source: { collection: 'gold_client_scores' },
          sort: { column: 'id_client', desc: true },
          filters: [],
          columns: [
            { column: 'segment_label', label: 'Segment' },
            { column: 'id_client', label: 'Client' },
          ],
        },
        out,
      )
      expect(rows).toBe(scores.height)
      const text = readFileSync(out, 'utf8')
      expect(text.split('\r\n')[0]).toBe('Segment,Client')
      const csv = pl.readCSV(text, { inferSchemaLength: 0 })
      const expected = scores.sort('id_client', true)
      expect(csv.getColumn('Client').toArray().map(Number)).toEqual(expected.getColumn('id_client').toArray())
      expect(csv.getColumn('Segment').toArray()).toEqual(expected.getColumn('segment_label').toArray())
    })
  },
)
