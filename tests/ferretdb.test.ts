import { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  FERRETDB_AVAILABLE,
  FERRETDB_SKIP_REASON,
  type RunningMongo,
  startFerretDb,
} from './helpers/ferretdb.ts'

describe.skipIf(!FERRETDB_AVAILABLE)(
  `the FerretDB test server (${FERRETDB_AVAILABLE ? 'found' : FERRETDB_SKIP_REASON})`,
  () => {
    let server: RunningMongo
    beforeAll(async () => {
      server = await startFerretDb()
    })
    afterAll(() => server?.stop())

    it('speaks the MongoDB wire protocol: ping, unique index, unordered upserts, delete', async () => {
      const client = new MongoClient(server.url, { serverSelectionTimeoutMS: 5000 })
      try {
        const c = client.db('probe').collection('x')
        await c.createIndex({ k: 1 }, { unique: true })
        const r = await c.bulkWrite(
          [1, 2, 3].map((k) => ({
            replaceOne: { filter: { k }, replacement: { k, at: new Date(0) }, upsert: true },
          })),
          { ordered: false },
        )
        expect(r.upsertedCount).toBe(3)
        await expect(c.insertOne({ k: 1 })).rejects.toThrow(/duplicate key/i)
        expect((await c.deleteMany({ k: { $gt: 1 } })).deletedCount).toBe(2)
        expect(await c.find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ k: 1, at: new Date(0) }])
      } finally {
        await client.close()
      }
    })
  },
)
