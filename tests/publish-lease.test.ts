/**
 * One publish at a time per database, and readers' answers kept per publish, on a real FerretDB: two
 * publishes started together (one refused, the collections right), a lease left by a dead process or
 * gone silent taken over, a live one respected; MongoStore answers again only when a publish moved the
 * publish document, and never keeps what it read during a publish.
 */
import { spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import { type Db, type Document, MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collection } from '../src-main/core/serving/collections.ts'
import { PUBLISH_COLLECTION, PUBLISH_DOC_ID } from '../src-main/core/serving/gold-documents.ts'
import { MongoStore } from '../src-main/core/serving/mongo-store.ts'
import { LEASE_EXPIRY_MS } from '../src-main/core/serving/publish-lease.ts'
import { publishGold } from '../src-main/core/serving/publisher.ts'
import type { ListQuery } from '../src-main/core/serving/serving-store.ts'
import {
  FERRETDB_AVAILABLE,
  FERRETDB_SKIP_REASON,
  type RunningMongo,
  startFerretDb,
} from './helpers/ferretdb.ts'
import { goldRun } from './helpers/gold-run.ts'

type Meta = { _id: string } & Document

describe.skipIf(!FERRETDB_AVAILABLE)(
  `publish lease and per-publish answers (${FERRETDB_AVAILABLE ? 'FerretDB' : FERRETDB_SKIP_REASON})`,
  () => {
    const gold = goldRun({ clients: 200, seed: 21 })
    let server: RunningMongo
    let client: MongoClient
    let db: Db
    const publishDoc = () => db.collection<Meta>(PUBLISH_COLLECTION).findOne({ _id: PUBLISH_DOC_ID })
    const setLease = (holder: Record<string, unknown>) =>
      db
        .collection<Meta>(PUBLISH_COLLECTION)
        .updateOne({ _id: PUBLISH_DOC_ID }, { $set: { in_progress: holder } })

    beforeAll(async () => {
      server = await startFerretDb()
      client = await new MongoClient(server.url).connect()
      db = client.db('lease')
      await gold.ready()
    }, 180_000)

    afterAll(async () => {
      await client?.close()
      await server?.stop()
    })

    it('of two publishes started together, one is refused and says who holds the lease', async () => {
      const results = await Promise.allSettled([
        publishGold({ lake: gold.lake, db }),
        publishGold({ lake: gold.lake, db }),
      ])
      const refused = results.filter((r) => r.status === 'rejected')
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      expect(refused).toHaveLength(1)
      const reason = (refused[0] as PromiseRejectedResult).reason as Error & { code?: string }
      expect(reason.code).toBe('publish_in_progress')
      expect(reason.message).toMatch(/already publishing to lease; wait for it to finish/)
      const latest = await publishDoc()
      expect(latest?.in_progress).toBeUndefined()
      const { run } = await gold.ready()
      expect(await db.collection('gold_client_scores').countDocuments()).toBe(
        run.tables['gold/client_scores'],
      )
    }, 120_000)

    it('respects a live lease, takes over one whose process died or that went silent', async () => {
      const started = new Date()
      const live = { publish_id: 'p-live', run_id: 'r', started_at: started, heartbeat_at: new Date() }
      await setLease({ ...live, host: 'elsewhere', pid: 1 })
      const refused = (await publishGold({ lake: gold.lake, db }).catch((e: unknown) => e)) as Error
      expect(refused.message).toMatch(/publish p-live of run r by process 1 on elsewhere/)

      // A process of this machine that no longer exists holds it: taken over at once.
      const dead = spawnSync(process.execPath, ['-e', '0']).pid
      await setLease({ ...live, host: hostname(), pid: dead })
      const revision = (await publishDoc())?.revision as number
      await publishGold({ lake: gold.lake, db })
      const after = await publishDoc()
      expect(after?.in_progress).toBeUndefined()
      expect(after?.revision).toBe(revision + 2)

      // Another machine's publisher, silent for longer than the expiry: taken over too.
      const silent = new Date(Date.now() - LEASE_EXPIRY_MS - 1_000)
      await setLease({ ...live, host: 'elsewhere', pid: 1, heartbeat_at: silent })
      await publishGold({ lake: gold.lake, db })
      expect((await publishDoc())?.in_progress).toBeUndefined()
    }, 120_000)

    it('MongoStore reuses an answer until a publish moves the publish document, never during one', async () => {
      const store = new MongoStore(db)
      const spec = collection('gold_client_scores')
      const query: ListQuery = { sort: { field: spec.key, dir: 1 }, offset: 0, limit: 1, filter: {} }
      const scores = db.collection<Document>(spec.name)
      try {
        const first = await store.list(spec, query)
        const row = first?.rows[0] as Record<string, unknown>
        // Written behind the publisher's back (its hash dropped, so the next publish repairs it): a
        // settled publish's answers stand until the next publish.
        const tamper = (days: number) =>
          scores.updateOne(
            { [spec.key]: row[spec.key] },
            { $set: { recency_days: days }, $unset: { _hash: '' } },
          )
        await tamper(-1)
        expect((await store.list(spec, query))?.rows[0]?.recency_days).toBe(row.recency_days)

        // A publish under way: answers are read afresh and not kept.
        await setLease({ publish_id: 'p-now', run_id: 'r', started_at: new Date(), heartbeat_at: new Date() })
        await db
          .collection<Meta>(PUBLISH_COLLECTION)
          .updateOne({ _id: PUBLISH_DOC_ID }, { $inc: { revision: 1 } })
        expect((await store.list(spec, query))?.rows[0]?.recency_days).toBe(-1)
        await tamper(-2)
        expect((await store.list(spec, query))?.rows[0]?.recency_days).toBe(-2)

        // The next publish (the stale lease taken over) restores gold, and readers see it at once.
        await setLease({
          publish_id: 'p-now',
          run_id: 'r',
          started_at: new Date(0),
          heartbeat_at: new Date(0),
        })
        await publishGold({ lake: gold.lake, db })
        expect((await store.list(spec, query))?.rows[0]).toEqual(first?.rows[0])
        expect(await store.kpis()).toMatchObject({
          total_clients: (await gold.ready()).run.kpis?.total_clients,
        })
      } finally {
        await store.close()
      }
    }, 120_000)
  },
)
