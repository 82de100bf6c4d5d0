/**
 * MongoStore answers exactly as the gold says: the shared store suite (the one ParquetStore passes), run
 * against gold published by the real publisher into a real FerretDB.
 */
import { MongoClient } from 'mongodb'
import { describe } from 'vitest'
import { LocalLake } from '../src-main/core/lake/local-lake.ts'
import { MongoStore } from '../src-main/core/serving/mongo-store.ts'
import { publishGold } from '../src-main/core/serving/publisher.ts'
import { FERRETDB_AVAILABLE, FERRETDB_SKIP_REASON, startFerretDb } from './helpers/ferretdb.ts'
import { goldRun } from './helpers/gold-run.ts'
import { describeStoreSuite } from './helpers/store-suite.ts'

describe.skipIf(!FERRETDB_AVAILABLE)(
  `MongoStore, shared store suite (${FERRETDB_AVAILABLE ? 'FerretDB' : FERRETDB_SKIP_REASON})`,
  () => {
    const fixture = goldRun({ clients: 300 })
    describeStoreSuite('MongoStore on FerretDB', async () => {
      const { gold } = await fixture.ready()
      const server = await startFerretDb()
      const client = await new MongoClient(server.url).connect()
      await publishGold({
        lake: new LocalLake(fixture.lake.root),
        db: client.db('gold_serving'),
        batchSize: 2_000,
      })
      await client.close()
      const store = new MongoStore({ url: server.url, db: 'gold_serving' })
      const empty = new MongoStore({ url: server.url, db: 'nothing_published' })
      return {
        store,
        gold,
        empty,
        teardown: async () => {
          await store.close()
          await empty.close()
          await server.stop()
        },
      }
    })
  },
)
