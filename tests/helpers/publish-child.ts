/**
 * A publisher in its own process, for the test that kills one between batches:
 *
 *   node --import tsx tests/helpers/publish-child.ts <dataDir> <mongoUrl> <db> <batchSize>
 *
 * publishes the current gold of <dataDir>, prints `progress <fraction> <label>` after each batch, and after
 * the first batch it wrote it stops dead (the whole process blocks), so a SIGKILL lands between batches.
 */
import { writeSync } from 'node:fs'
import { join } from 'node:path'
import { MongoClient } from 'mongodb'
import { LocalLake } from '../../src-main/core/lake/local-lake.ts'
import { publishGold } from '../../src-main/core/serving/publisher.ts'

const [dataDir, url, dbName, batchSize] = process.argv.slice(2)
if (!dataDir || !url || !dbName)
  throw new Error('usage: publish-child.ts <dataDir> <mongoUrl> <db> <batchSize>')

const client = await new MongoClient(url).connect()
const blocked = new Int32Array(new SharedArrayBuffer(4))
await publishGold({
  lake: new LocalLake(join(dataDir, 'lake')),
  db: client.db(dbName),
  batchSize: Number(batchSize ?? 500),
  onProgress: (fraction, label) => {
    writeSync(1, `progress ${fraction} ${label}\n`)
    // Blocks the event loop: no further batch can start before the parent's SIGKILL.
    if (fraction > 0) Atomics.wait(blocked, 0, 0, 60_000)
  },
})
await client.close()
