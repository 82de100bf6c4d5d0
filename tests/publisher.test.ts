/**
 * Publishing gold to a real MongoDB wire-protocol server (FerretDB, started here), never a mocked driver:
 * complete and typed, indexes before data, idempotent, stale documents removed, a killed publisher that
 * converges when re-run, a cancel, foreign documents replaced, an incomplete gold refused.
 */
import { spawn } from 'node:child_process'
import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { type Db, type Document, MongoClient } from 'mongodb'
import type pl from 'nodejs-polars'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocalLake } from '../src-main/core/lake/local-lake.ts'
import { COLLECTIONS, type CollectionSpec, KPIS_COLLECTION } from '../src-main/core/serving/collections.ts'
import { PUBLISH_COLLECTION } from '../src-main/core/serving/gold-documents.ts'
import { toJsonValue } from '../src-main/core/serving/json-values.ts'
import { PUBLISH_STAMP, type PublishSummary, publishGold } from '../src-main/core/serving/publisher.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import {
  FERRETDB_AVAILABLE,
  FERRETDB_SKIP_REASON,
  type RunningMongo,
  startFerretDb,
} from './helpers/ferretdb.ts'
import { readGold } from './helpers/gold-run.ts'
import { REPO_ROOT, tempDir, testCore } from './helpers/temp-data.ts'

type JsonRow = Record<string, unknown>
/** The one-document collections (`gold_publish`, `gold_kpis`) have text ids. */
type Meta = { _id: string } & Document

function byKey(spec: CollectionSpec) {
  return (a: JsonRow, b: JsonRow) => String(a[spec.key]).localeCompare(String(b[spec.key]))
}

/** A gold table as the JSON rows a collection must hold, sorted by key. */
function goldRows(frame: pl.DataFrame, spec: CollectionSpec): JsonRow[] {
  return (frame.select(...spec.fields).toRecords() as JsonRow[])
    .map((r) => Object.fromEntries(spec.fields.map((f) => [f, toJsonValue(r[f])])))
    .sort(byKey(spec))
}

describe.skipIf(!FERRETDB_AVAILABLE)(
  `publishing gold to MongoDB (${FERRETDB_AVAILABLE ? 'FerretDB' : FERRETDB_SKIP_REASON})`,
  () => {
    const dataDir = tempDir('medallion-publish-')
    const core = testCore(dataDir)
    const lake = new LocalLake(join(dataDir, 'lake'))
    let server: RunningMongo
    let client: MongoClient
    let db: Db
    /** Commands sent by `client`, in order: [command, collection]. */
    const commands: [string, string][] = []
    let run: RunRecord
    let last: PublishSummary

    async function newGold(clients: number, seed: number): Promise<RunRecord> {
      await core.sources.generate({ clients, seed }).done
      return core.pipeline.start({ from: 'bronze' }).done
    }

    /** Every collection holds exactly its gold table: same rows, same values, one document per key. */
    async function expectPublished(record: RunRecord) {
      const gold = readGold(lake, record)
      for (const spec of COLLECTIONS) {
        const docs = await db
          .collection(spec.name)
          .find({}, { projection: { _id: 0, _hash: 0, [PUBLISH_STAMP]: 0 } })
          .toArray()
        const rows = docs
          .map((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, toJsonValue(v)])))
          .sort(byKey(spec))
        expect(rows, spec.name).toEqual(goldRows(gold.tables[spec.table] as pl.DataFrame, spec))
      }
      const latest = await db.collection<Meta>(PUBLISH_COLLECTION).findOne({ _id: 'latest' })
      expect(latest?.run_id).toBe(record.runId)
      expect(latest?.in_progress).toBeUndefined()
      const kpis = await db.collection<Meta>(KPIS_COLLECTION).findOne({ _id: 'kpis' })
      const { segments, ...figures } = record.kpis ?? ({} as NonNullable<RunRecord['kpis']>)
      expect(kpis).toMatchObject({
        ...figures,
        segments,
        dataset_size: figures.total_achats,
        run_id: record.runId,
      })
    }

    /** Everything in the database, bookkeeping fields included: what "unchanged" means. */
    async function snapshot(): Promise<Record<string, Document[]>> {
      const out: Record<string, Document[]> = {}
      for (const name of [...COLLECTIONS.map((c) => c.name), KPIS_COLLECTION, PUBLISH_COLLECTION]) {
        out[name] = await db.collection(name).find({}).sort({ _id: 1 }).toArray()
      }
      return out
    }

    function keysOf(record: RunRecord, spec: CollectionSpec): Set<string> {
      const frame = readGold(lake, record).tables[spec.table] as pl.DataFrame
      return new Set(frame.getColumn(spec.key).toArray().map(String))
    }

    beforeAll(async () => {
      server = await startFerretDb()
      client = await new MongoClient(server.url, { monitorCommands: true }).connect()
      client.on('commandStarted', (e) => commands.push([e.commandName, String(e.command[e.commandName])]))
      db = client.db('gold_serving')
      run = await newGold(300, 11)
    }, 120_000)
    afterAll(async () => {
      await client?.close()
      await server?.stop()
    })

    it('publishes every collection: the gold rows, BSON dates, string day keys, indexes before data', async () => {
      const fractions: number[] = []
      commands.length = 0
      last = await publishGold({ lake, db, batchSize: 1_000, onProgress: (f) => fractions.push(f) })
      expect(last.runId).toBe(run.runId)
      await expectPublished(run)
      const gold = readGold(lake, run)
      for (const c of last.collections) {
        const spec = COLLECTIONS.find((s) => s.name === c.name) as CollectionSpec
        const rows = gold.tables[spec.table]?.height
        expect(c, c.name).toMatchObject({
          written: rows,
          inserted: rows,
          updated: 0,
          deleted: 0,
          total: rows,
        })
      }

      const fact = db.collection('gold_fact_achats')
      const doc = await fact.findOne({})
      expect(doc?.date_achat).toBeInstanceOf(Date)
      expect(typeof doc?.jour).toBe('string')
      expect(typeof doc?.mois).toBe('string')
      expect(doc?._id).toBe(String(doc?.id_achat))
      const n = await fact.countDocuments({})
      // Floats are doubles even when whole; timestamps dates in every collection that has them.
      expect(await fact.countDocuments({ montant: { $type: 'double' } })).toBe(n)
      expect(await fact.countDocuments({ date_achat: { $type: 'date' } })).toBe(n)
      const scores = db.collection('gold_client_scores')
      expect(await scores.countDocuments({ reference_date: { $type: 'date' } })).toBe(
        await scores.countDocuments({}),
      )

      for (const spec of COLLECTIONS) {
        const indexes = await db.collection(spec.name).indexes()
        // Single-field indexes: the API's sort indexes (`{field: 1, key: 1}`) start with the same fields.
        const on = (field: string) => (i: { key: Record<string, unknown> }) =>
          i.key[field] === 1 && Object.keys(i.key).length === 1
        expect(indexes.find(on(spec.key))?.unique, spec.name).toBe(true)
        for (const field of spec.indexes) expect(indexes.some(on(field)), field).toBe(true)
        // The indexes were asked for before the first document was written.
        const firstIndex = commands.findIndex(([c, coll]) => c === 'createIndexes' && coll === spec.name)
        const firstWrite = commands.findIndex(([c, coll]) => /insert|update/.test(c) && coll === spec.name)
        expect(firstIndex, spec.name).toBeGreaterThanOrEqual(0)
        // A table gold leaves empty (client_predictions before any training) gets its indexes, no write.
        if (firstWrite >= 0) expect(firstIndex, spec.name).toBeLessThan(firstWrite)
      }
      // Progress after each batch, rising to 1.
      expect(fractions.length).toBeGreaterThan(5)
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
      expect(fractions.at(-1)).toBe(1)
    }, 120_000)

    it('republishing the same gold writes nothing: same documents, same counts, no duplicates', async () => {
      const before = await snapshot()
      commands.length = 0
      const again = await publishGold({ lake, db })
      for (const c of again.collections) {
        expect(c, c.name).toMatchObject({ written: 0, deleted: 0, unchanged: c.total })
      }
      expect(commands.filter(([c]) => /insert|update|delete/.test(c)).map(([, coll]) => coll)).toEqual([
        PUBLISH_COLLECTION,
        KPIS_COLLECTION,
        PUBLISH_COLLECTION,
      ])
      const after = await snapshot()
      for (const spec of COLLECTIONS) expect(after[spec.name], spec.name).toEqual(before[spec.name])
      await expectPublished(run)
      last = again
    }, 120_000)

    it('replaces documents another writer left (e.g. the original publisher) without duplicating keys', async () => {
      const monthly = db.collection('gold_monthly')
      const anyMonth = (await monthly.findOne({}))?.mois as string
      // The original's documents: ObjectId ids, dates as text; one for a month gold has, one stale.
      await monthly.deleteMany({ _id: anyMonth } as Document)
      await monthly.insertMany([
        { mois: anyMonth, ca: -1 },
        { mois: '1999-01', ca: 5 },
      ])
      const summary = await publishGold({ lake, db })
      expect(summary.collections.find((c) => c.name === 'gold_monthly')).toMatchObject({
        inserted: 1,
        deleted: 2,
      })
      await expectPublished(run)
    }, 120_000)

    it('a smaller gold from other sources: stale documents gone, counts equal the new gold', async () => {
      const smaller = await newGold(150, 12)
      // A reader counting all along never finds a collection emptied or half-filled.
      const watched = ['gold_fact_achats', 'gold_client_scores', 'gold_daily', 'gold_monthly']
      const reader = await new MongoClient(server.url).connect()
      const seen: Record<string, number[]> = Object.fromEntries(watched.map((name) => [name, []]))
      let publishing = true
      const polling = (async () => {
        while (publishing) {
          for (const name of watched) {
            seen[name]?.push(await reader.db('gold_serving').collection(name).countDocuments({}))
          }
        }
      })()
      const summary = await publishGold({ lake, db }).finally(() => {
        publishing = false
      })
      await polling
      await reader.close()
      await expectPublished(smaller)
      for (const name of watched) {
        const spec = COLLECTIONS.find((c) => c.name === name) as CollectionSpec
        const was = keysOf(run, spec).size
        const now = keysOf(smaller, spec).size
        // Changed documents are swapped at most a tenth of the collection at a time; stale ones go last.
        expect(Math.min(...(seen[name] ?? [])), name).toBeGreaterThanOrEqual(
          Math.min(Math.floor(0.9 * was), now),
        )
      }
      expect(seen.gold_fact_achats?.length).toBeGreaterThan(3)
      for (const spec of COLLECTIONS) {
        const was = keysOf(run, spec)
        const now = keysOf(smaller, spec)
        const c = summary.collections.find((s) => s.name === spec.name)
        expect(c?.deleted, spec.name).toBe([...was].filter((k) => !now.has(k)).length)
        expect(c?.inserted, spec.name).toBe([...now].filter((k) => !was.has(k)).length)
        expect(c?.total, spec.name).toBe(now.size)
        expect((c?.written ?? 0) + (c?.unchanged ?? 0), spec.name).toBe(now.size)
      }
      run = smaller
      last = summary
    }, 180_000)

    it('a publisher killed between batches, then re-run, converges', async () => {
      const bigger = await newGold(300, 13)
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(REPO_ROOT, 'tests/helpers/publish-child.ts'),
          dataDir,
          server.url,
          'gold_serving',
          '500',
        ],
        { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let stderr = ''
      child.stderr.on('data', (d) => {
        stderr += d
      })
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_, signal) => resolve(signal)),
      )
      const firstLine = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (d) => {
          out += d
          const line = out.split('\n').find((l) => /^progress 0\.\d*[1-9]/.test(l))
          if (line) resolve(line)
        })
        child.on('exit', () => reject(new Error(`the publisher ended before its first batch: ${stderr}`)))
      })
      child.kill('SIGKILL')
      expect(await exited).toBe('SIGKILL')
      expect(firstLine).toMatch(/gold_fact_achats: 500\//)

      // Interrupted for real: the first fact batch is written, nothing after it.
      const latest = await db.collection<Meta>(PUBLISH_COLLECTION).findOne({ _id: 'latest' })
      expect(latest?.run_id).toBe(run.runId)
      expect(latest?.in_progress?.run_id).toBe(bigger.runId)
      const killedId = latest?.in_progress?.publish_id as string
      const fact = db.collection('gold_fact_achats')
      expect(await fact.countDocuments({ [PUBLISH_STAMP]: killedId })).toBe(500)
      expect(await db.collection('gold_dim_clients').countDocuments({ [PUBLISH_STAMP]: killedId })).toBe(0)

      const summary = await publishGold({ lake, db })
      await expectPublished(bigger)
      // The re-run kept what the killed one wrote (its hashes, computed in another process, match).
      expect(summary.collections[0]).toMatchObject({ name: 'gold_fact_achats', unchanged: 500 })
      expect(await fact.countDocuments({ [PUBLISH_STAMP]: killedId })).toBe(500)
      run = bigger
      last = summary
    }, 180_000)

    it('a cancel stops between batches with the reason; publishing again converges', async () => {
      const other = await newGold(200, 14)
      const controller = new AbortController()
      const reason = new Error('cancelled by the test')
      const cancelled = publishGold({
        lake,
        db,
        batchSize: 500,
        signal: controller.signal,
        onProgress: (f) => {
          if (f > 0) controller.abort(reason)
        },
      })
      await expect(cancelled).rejects.toBe(reason)
      const latest = await db.collection<Meta>(PUBLISH_COLLECTION).findOne({ _id: 'latest' })
      expect(latest?.run_id).toBe(run.runId)
      await publishGold({ lake, db })
      await expectPublished(other)
      run = other
    }, 180_000)

    it('refuses a gold layer missing a table, names it, and leaves what is published untouched', async () => {
      const before = await snapshot()
      const goldDir = join(dataDir, 'lake', run.layers.gold as string)
      renameSync(join(goldDir, 'weekly.parquet'), join(goldDir, 'weekly.parquet.away'))
      renameSync(join(goldDir, 'ca_country.parquet'), join(goldDir, 'ca_country.parquet.away'))
      try {
        commands.length = 0
        const refused = await publishGold({ lake, db }).catch((e: unknown) => e)
        expect(refused).toMatchObject({ code: 'gold_incomplete' })
        expect((refused as Error).message).toMatch(/lacks ca_country, weekly .*nothing was published/)
        expect(commands).toEqual([])
        expect(await snapshot()).toEqual(before)
      } finally {
        renameSync(join(goldDir, 'weekly.parquet.away'), join(goldDir, 'weekly.parquet'))
        renameSync(join(goldDir, 'ca_country.parquet.away'), join(goldDir, 'ca_country.parquet'))
      }
      expect(existsSync(join(goldDir, 'weekly.parquet'))).toBe(true)
    })

    it('refuses when no pipeline run has succeeded', async () => {
      const empty = new LocalLake(join(tempDir('medallion-nogold-'), 'lake'))
      await expect(publishGold({ lake: empty, db })).rejects.toMatchObject({
        code: 'nothing_to_publish',
        message: expect.stringMatching(/run the pipeline first/),
      })
    })

    it('an unreachable server fails with a clear message that never shows the password', async () => {
      const { freePort } = await import('./helpers/ferretdb.ts')
      const url = `mongodb://medallion:s3cret-pw@127.0.0.1:${await freePort()}/`
      const unreachable = new MongoClient(url, { serverSelectionTimeoutMS: 500 })
      try {
        const err = await publishGold({ lake, db: unreachable.db('gold_serving') }).catch((e: unknown) => e)
        expect(err).toMatchObject({ code: 'publish_failed' })
        expect((err as Error).message).toMatch(/ECONNREFUSED|Server selection timed out/)
        expect((err as Error).message).not.toContain('s3cret-pw')
      } finally {
        await unreachable.close()
      }
    })
  },
)
