/**
 * The publisher creates, on a real MongoDB wire-protocol server (FerretDB, started here), the indexes a
 * MongoDB needs for every sort the read API offers (`{field: ±1, key: 1}` per sortable field of each
 * routed collection), keeps them on a republish, and pages sorted through them answer as ParquetStore does.
 */
import { type Db, MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseListParams } from '../src-main/core/api/list-params.ts'
import { COLLECTIONS, type CollectionSpec, collectionForRoute } from '../src-main/core/serving/collections.ts'
import { MongoStore } from '../src-main/core/serving/mongo-store.ts'
import { ParquetStore } from '../src-main/core/serving/parquet-store.ts'
import { publishGold } from '../src-main/core/serving/publisher.ts'
import { sortIndexes } from '../src-main/core/serving/sort-indexes.ts'
import {
  FERRETDB_AVAILABLE,
  FERRETDB_SKIP_REASON,
  type RunningMongo,
  startFerretDb,
} from './helpers/ferretdb.ts'
import { goldRun } from './helpers/gold-run.ts'

/** An index's key pattern as text, its field order kept (`{a: 1, b: 1}` is not `{b: 1, a: 1}`). */
const pattern = (key: Record<string, unknown>) => JSON.stringify(Object.entries(key))

describe.skipIf(!FERRETDB_AVAILABLE)(
  `the API's sort indexes on MongoDB (${FERRETDB_AVAILABLE ? 'FerretDB' : FERRETDB_SKIP_REASON})`,
  () => {
    const gold = goldRun({ clients: 300, seed: 5 })
    let server: RunningMongo
    let client: MongoClient
    let db: Db

    beforeAll(async () => {
      await gold.ready()
      server = await startFerretDb()
      client = await new MongoClient(server.url).connect()
      db = client.db('gold_serving')
      await publishGold({ lake: gold.lake, db })
    }, 300_000)

    afterAll(async () => {
      await client?.close()
      await server?.stop()
    })

    async function patterns(spec: CollectionSpec): Promise<Set<string>> {
      return new Set((await db.collection(spec.name).indexes()).map((i) => pattern(i.key)))
    }

    it('creates both directions of every sortable field of every routed collection, and none elsewhere', async () => {
      for (const spec of COLLECTIONS) {
        const present = await patterns(spec)
        if (!spec.route) {
          expect(sortIndexes(spec), spec.name).toEqual([])
          continue
        }
        for (const field of spec.fields.filter((f) => f !== spec.key)) {
          expect(present.has(pattern({ [field]: 1, [spec.key]: 1 })), `${spec.name} ${field} asc`).toBe(true)
          expect(present.has(pattern({ [field]: -1, [spec.key]: 1 })), `${spec.name} ${field} desc`).toBe(
            true,
          )
        }
        // The unique key and the secondary indexes are still there.
        expect(present.has(pattern({ [spec.key]: 1 })), spec.name).toBe(true)
        for (const field of spec.indexes) expect(present.has(pattern({ [field]: 1 })), field).toBe(true)
      }
    })

    it('keeps them as they are on a republish', async () => {
      const scores = collectionForRoute('/scores') as CollectionSpec
      const before = await patterns(scores)
      await publishGold({ lake: gold.lake, db })
      expect(await patterns(scores)).toEqual(before)
    })

    it('answers sorted pages as ParquetStore does', async () => {
      const mongo = new MongoStore(db, { cacheAnswers: false })
      const parquet = new ParquetStore(gold.lake)
      try {
        const scores = collectionForRoute('/scores') as CollectionSpec
        for (const sort of ['recency_days:desc', 'segment_label:asc', 'monetary_12m:desc']) {
          const query = parseListParams(scores, { sort, limit: 50, offset: 10 })
          const fromMongo = await mongo.list(scores, query)
          expect(fromMongo?.rows, sort).toHaveLength(50)
          expect(fromMongo, sort).toEqual(await parquet.list(scores, query))
        }
      } finally {
        await parquet.close()
      }
    })
  },
)
