/**
 * Publishes the current run's gold to MongoDB, fixing the original's publisher (spec §13.15).
 *
 * Before anything is written, every gold table is checked (present, the catalog's fields, a unique
 * non-null key): a bad gold is refused and what is published stays as it was. Then, per collection:
 * indexes first (the unique key and the secondary ones; the API's sort indexes, sort-indexes.ts, come
 * once the documents are written); the `_id` and `_hash` of what is published are
 * read once; gold is walked in batches — new documents are inserted (unordered), changed ones replaced
 * in place by `_id`, unchanged ones left alone; finally the documents gold no longer has are deleted by
 * `_id`. A reader therefore never sees an empty or half-filled collection (no delete-then-insert, no
 * rename), republishing the same gold writes nothing, and a publish interrupted half-way and re-run
 * converges (the second run compares with whatever the first one left). Last come the KPIs document and
 * the publish document (run, time, counts).
 *
 * Why a diff rather than "upsert every document with a new stamp, then delete the other stamps": on
 * FerretDB 1.24 (SQLite) an update or delete of one document scans the whole table (45 ms each in a
 * 20k-document collection), so rewriting every document on each publish is quadratic, and more than 100
 * matching updates in one command exhaust its connection pool and hang it. Bulk inserts are fast on both
 * servers, and only real changes pay the per-document price. On FerretDB, when a batch changes many
 * documents of a large collection, its documents are swapped instead: a run of changed documents, at
 * most a tenth of what the collection held, is deleted by `_id` in one command (one scan) and inserted
 * again in one bulk. Those documents are absent for the milliseconds of one insert, never the collection. MongoDB always replaces in place. Nothing here needs transactions, renameCollection or
 * an aggregation stage FerretDB lacks.
 */
import type { Collection, Db, MongoClient } from 'mongodb'
import { MongoBulkWriteError } from 'mongodb'
import pl from 'nodejs-polars'
import { goldKpis } from '../../../pipelines/gold-kpis.ts'
import type { GoldKpis, RunRecord } from '../../../src-preload/contract.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import { type Lake, newRunId } from '../lake/lake.ts'
import {
  COLLECTIONS,
  type CollectionSpec,
  collection as collectionSpec,
  KPIS_COLLECTION,
} from './collections.ts'
import {
  documentId,
  documentSlices,
  type GoldDocument,
  goldTablePath,
  goldTableProblem,
  goldTableRows,
  HASH_FIELD,
  KPIS_DOC_ID,
  PUBLISH_COLLECTION,
  PUBLISH_STAMP,
  readGoldTable,
} from './gold-documents.ts'
import { isAuthFailure, redactClientSecrets } from './mongo-config.ts'
import { acquirePublishLease, type PublishDocs, type PublishLease } from './publish-lease.ts'
import { sortIndexes } from './sort-indexes.ts'

export { PUBLISH_COLLECTION, PUBLISH_STAMP } from './gold-documents.ts'

export interface PublishOptions {
  lake: Lake
  db: Db
  /** 0..1 and what is being done, after each batch. */
  onProgress?: (fraction: number, label: string) => void
  /** Checked between batches; an aborted publish throws the signal's reason. */
  signal?: AbortSignal
  /** Gold rows per batch (default 5,000). */
  batchSize?: number
}

export interface CollectionPublish {
  name: string
  /** Documents written (= inserted + updated): exact, each counted once; 0 when nothing changed. */
  written: number
  inserted: number
  updated: number
  /** Documents already as gold has them, left alone. */
  unchanged: number
  /** Documents gold no longer has, removed. */
  deleted: number
  /** Documents in the collection afterwards (= the gold table's rows). */
  total: number
}

export interface PublishSummary {
  publishId: string
  runId: string
  collections: CollectionPublish[]
  ms: number
}

export const DEFAULT_BATCH_SIZE = 5_000
/** Replacements per bulk command on MongoDB. */
const REPLACE_BATCH = 1_000
/**
 * On FerretDB, below this many (changed documents × documents in the collection) a batch's changes are
 * replaced one command at a time (each scans the table, ~2 µs a document); above it they are swapped.
 */
const FERRET_REPLACE_WORK = 300_000
/** A swap never removes more than this share of a collection at once. */
const SWAP_SHARE = 0.1
/** Below this many changed documents a run is cheaper replaced one by one than swapped (one scan). */
const MIN_SWAP_CHANGES = 32
/** `_id`s per delete command (a command must stay far below 16 MB). */
const DELETE_BATCH = 10_000

/** The gold layer of the current run, checked; throws (nothing written) when it cannot be published. */
async function publishableGold(lake: Lake): Promise<{ run: RunRecord; goldDir: string; rows: number[] }> {
  const run = await lake.currentRun()
  if (!run?.layers.gold) {
    throw new MedallionError(
      'nothing_to_publish',
      'nothing to publish: no pipeline run has succeeded yet (run the pipeline first)',
    )
  }
  let goldDir: string
  try {
    goldDir = await lake.localLayerDir(run.layers.gold)
  } catch {
    throw new MedallionError(
      'gold_incomplete',
      `the gold layer of run ${run.runId} (${run.layers.gold}) is missing: nothing was published`,
    )
  }
  const problems = COLLECTIONS.map((spec) => goldTableProblem(goldDir, spec))
  const missing = COLLECTIONS.filter((_, i) => problems[i]?.endsWith('is missing')).map((s) => s.table)
  if (missing.length > 0) {
    throw new MedallionError(
      'gold_incomplete',
      `the gold of run ${run.runId} lacks ${missing.join(', ')} (in ${goldDir}): nothing was published, the published collections are unchanged`,
    )
  }
  const invalid = problems.filter((p): p is string => p !== undefined)
  if (invalid.length > 0) {
    throw new MedallionError(
      'gold_invalid',
      `the gold of run ${run.runId} cannot be published: ${invalid.join('; ')}. Nothing was published.`,
    )
  }
  return { run, goldDir, rows: COLLECTIONS.map((spec) => goldTableRows(goldDir, spec)) }
}

/** The run's headline KPIs; computed from gold for a record written before KPIs were recorded. */
function runKpis(run: RunRecord, goldDir: string): GoldKpis {
  if (run.kpis) return run.kpis
  const read = (name: string) => pl.readParquet(goldTablePath(goldDir, collectionSpec(name)))
  return goldKpis({
    fact: read('gold_fact_achats'),
    scores: read('gold_client_scores'),
    segmentSummary: read('gold_segment_summary'),
    cohorts: read('gold_cohort_first_purchase'),
  })
}

async function ensureIndexes(coll: Collection<GoldDocument>, spec: CollectionSpec): Promise<void> {
  await coll.createIndex({ [spec.key]: 1 }, { unique: true })
  for (const field of spec.indexes) await coll.createIndex({ [field]: 1 })
}

/**
 * The API's sort indexes (sort-indexes.ts) that are missing, built over the written documents in one
 * command: cheaper than maintaining them insert by insert on a first publish. Only the missing ones are
 * asked for: FerretDB 1.24 closed the connection when createIndexes named existing ones.
 */
async function ensureSortIndexes(coll: Collection<GoldDocument>, spec: CollectionSpec): Promise<void> {
  const pattern = (key: object) => JSON.stringify(Object.entries(key))
  const present = new Set((await coll.indexes()).map((index) => pattern(index.key)))
  const missing = sortIndexes(spec).filter((index) => !present.has(pattern(index.key)))
  if (missing.length > 0) await coll.createIndexes(missing)
}

/** What is published now: our documents' hashes by `_id`, and documents another writer left (by key). */
interface Published {
  hashes: Map<string, number | null>
  /** Documents whose `_id` is not their key as text (e.g. the original publisher's): `_id`s by key. */
  foreign: Map<string, unknown[]>
}

async function readPublished(coll: Collection<GoldDocument>, spec: CollectionSpec): Promise<Published> {
  const hashes = new Map<string, number | null>()
  const foreign = new Map<string, unknown[]>()
  const cursor = coll.find({}, { projection: { _id: 1, [HASH_FIELD]: 1, [spec.key]: 1 }, batchSize: 10_000 })
  for await (const doc of cursor) {
    const id: unknown = doc._id
    const keyId = documentId(doc[spec.key] ?? null)
    if (typeof id === 'string' && id === keyId) {
      const hash = doc[HASH_FIELD]
      hashes.set(id, typeof hash === 'number' ? hash : null)
    } else {
      const ids = foreign.get(keyId) ?? []
      ids.push(id)
      foreign.set(keyId, ids)
    }
  }
  return { hashes, foreign }
}

/** How the server takes writes of single documents. */
interface Server {
  /** FerretDB: an update or delete of one document scans its whole table. */
  perDocumentScan: boolean
}

async function serverOf(db: Db): Promise<Server> {
  const info = await db.admin().command({ buildInfo: 1 })
  return { perDocumentScan: 'ferretdbVersion' in info }
}

/** Replaces documents in place by `_id`, one command each (upsert: one removed meanwhile comes back). */
async function replaceOneByOne(coll: Collection<GoldDocument>, docs: GoldDocument[]): Promise<number> {
  let written = 0
  for (const doc of docs) {
    const result = await coll.replaceOne({ _id: doc._id }, doc, { upsert: true })
    written += result.modifiedCount + result.upsertedCount
  }
  return written
}

/**
 * Inserts new documents in one unordered bulk. A document that appeared meanwhile (another publish
 * racing this one) is replaced instead. Returns [inserted, replaced].
 */
async function insertDocuments(
  coll: Collection<GoldDocument>,
  docs: GoldDocument[],
): Promise<[number, number]> {
  if (docs.length === 0) return [0, 0]
  try {
    return [(await coll.insertMany(docs, { ordered: false })).insertedCount, 0]
  } catch (err) {
    if (!(err instanceof MongoBulkWriteError)) throw err
    const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors]
    if (errors.some((e) => e.code !== 11000)) throw err
    const again = errors.map((e) => docs[e.index] as GoldDocument)
    return [err.insertedCount, await replaceOneByOne(coll, again)]
  }
}

/** Replaces documents whose content changed, in place. Returns documents written. */
async function replaceDocuments(
  coll: Collection<GoldDocument>,
  docs: GoldDocument[],
  server: Server,
): Promise<number> {
  if (docs.length === 0) return 0
  if (server.perDocumentScan) return replaceOneByOne(coll, docs)
  let written = 0
  for (let i = 0; i < docs.length; i += REPLACE_BATCH) {
    const result = await coll.bulkWrite(
      docs.slice(i, i + REPLACE_BATCH).map((doc) => ({
        replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true },
      })),
      { ordered: false },
    )
    written += result.modifiedCount + result.upsertedCount
  }
  return written
}

type Status = 'new' | 'changed' | 'unchanged'

/**
 * FerretDB, many changes. Consecutive documents to write (new or changed), up to `chunk` of them, form a
 * run: a run with enough changed documents is swapped (its changed documents deleted by `_id` in one
 * command, the whole run inserted in one bulk); unchanged documents are never touched, and documents
 * gold no longer has stay until the end of the publish, so a reader never misses more than one run's
 * changed documents. Short runs go the usual way (insert, replace one by one).
 */
async function swapRuns(
  coll: Collection<GoldDocument>,
  docs: GoldDocument[],
  status: Status[],
  chunk: number,
): Promise<void> {
  const inserts: GoldDocument[] = []
  const replaces: GoldDocument[] = []
  let run: number[] = []
  const flush = async () => {
    const changed = run.filter((i) => status[i] === 'changed')
    if (changed.length >= MIN_SWAP_CHANGES) {
      await coll.deleteMany({ _id: { $in: changed.map((i) => (docs[i] as GoldDocument)._id) } })
      await insertDocuments(
        coll,
        run.map((i) => docs[i] as GoldDocument),
      )
    } else {
      for (const i of run) (status[i] === 'new' ? inserts : replaces).push(docs[i] as GoldDocument)
    }
    run = []
  }
  for (let i = 0; i < docs.length; i++) {
    if (status[i] === 'unchanged') {
      if (run.length > 0) await flush()
      continue
    }
    run.push(i)
    if (run.length >= chunk) await flush()
  }
  if (run.length > 0) await flush()
  await insertDocuments(coll, inserts)
  await replaceOneByOne(coll, replaces)
}

async function deleteByIds(
  coll: Collection<GoldDocument>,
  ids: unknown[],
  signal?: AbortSignal,
): Promise<number> {
  let deleted = 0
  for (let i = 0; i < ids.length; i += DELETE_BATCH) {
    signal?.throwIfAborted()
    const chunk = ids.slice(i, i + DELETE_BATCH) as string[]
    deleted += (await coll.deleteMany({ _id: { $in: chunk } })).deletedCount
  }
  return deleted
}

interface CollectionJob {
  db: Db
  spec: CollectionSpec
  goldDir: string
  publishId: string
  batchSize: number
  server: Server
  signal?: AbortSignal
  /** Called after each batch with the gold rows this collection has handled so far. */
  onBatch: (rowsDone: number, label: string) => Promise<void>
}

async function publishCollection(job: CollectionJob): Promise<CollectionPublish> {
  const { spec, signal } = job
  const coll = job.db.collection<GoldDocument>(spec.name)
  await ensureIndexes(coll, spec)
  const published = await readPublished(coll, spec)
  const before = published.hashes.size + [...published.foreign.values()].reduce((n, ids) => n + ids.length, 0)
  const frame = readGoldTable(job.goldDir, spec)
  const counts = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 }
  let rowsDone = 0
  for (const docs of documentSlices(frame, spec, job.batchSize, job.publishId)) {
    signal?.throwIfAborted()
    const inserts: GoldDocument[] = []
    const replaces: GoldDocument[] = []
    const status: Status[] = []
    const displaced: unknown[] = []
    for (const doc of docs) {
      const previous = published.hashes.get(doc._id)
      if (previous === undefined) {
        inserts.push(doc)
        status.push('new')
        // A foreign document holding this key would block the insert (unique index): it goes first.
        const foreign = published.foreign.get(doc._id)
        if (foreign) {
          displaced.push(...foreign)
          published.foreign.delete(doc._id)
        }
      } else {
        published.hashes.delete(doc._id)
        const same = previous === doc[HASH_FIELD]
        if (!same) replaces.push(doc)
        status.push(same ? 'unchanged' : 'changed')
      }
    }
    counts.deleted += await deleteByIds(coll, displaced)
    counts.unchanged += docs.length - inserts.length - replaces.length
    counts.inserted += inserts.length
    counts.updated += replaces.length
    const size = before + counts.inserted - counts.deleted
    if (job.server.perDocumentScan && replaces.length * size > FERRET_REPLACE_WORK) {
      // A share of what readers had before this publish: the most they can miss at once.
      await swapRuns(coll, docs, status, Math.max(1, Math.floor(before * SWAP_SHARE)))
    } else {
      const [inserted, raced] = await insertDocuments(coll, inserts)
      // A document another writer inserted meanwhile was replaced: it counts as updated.
      counts.inserted -= raced
      counts.updated += raced
      if (inserted + raced !== inserts.length) {
        throw new Error(`${spec.name}: ${inserts.length - inserted - raced} document(s) not written`)
      }
      await replaceDocuments(coll, replaces, job.server)
    }
    rowsDone += docs.length
    await job.onBatch(rowsDone, `${spec.name}: ${rowsDone}/${frame.height} compared`)
  }
  // What is left was published before and is no longer in gold.
  const stale = [...published.hashes.keys(), ...[...published.foreign.values()].flat()]
  counts.deleted += await deleteByIds(coll, stale, signal)
  await ensureSortIndexes(coll, spec)
  // Counted rather than asked: a count is another full scan on FerretDB. Exact unless another writer
  // changes the collection during the publish.
  const total = before + counts.inserted - counts.deleted
  await job.onBatch(frame.height, `${spec.name}: ${total} documents`)
  return { name: spec.name, written: counts.inserted + counts.updated, ...counts, total }
}

/** Driver errors become messages that say where it failed and never quote a password. */
function publishError(err: unknown, client: MongoClient, where: string, signal?: AbortSignal): unknown {
  // A cancel surfaces as the signal's reason, untouched.
  if (err instanceof MedallionError || signal?.aborted) return err
  if (isAuthFailure(err)) {
    return new MedallionError(
      'publish_auth',
      `publishing ${where} failed: MongoDB refused the credentials (${redactClientSecrets(errorMessage(err), client)}); check the user and password in MONGO_URL`,
    )
  }
  return new MedallionError(
    'publish_failed',
    `publishing ${where} failed: ${redactClientSecrets(errorMessage(err), client)}`,
    { cause: err },
  )
}

export async function publishGold(options: PublishOptions): Promise<PublishSummary> {
  const started = performance.now()
  const startedAt = new Date()
  const { db, signal } = options
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE))
  const { run, goldDir, rows } = await publishableGold(options.lake)
  const kpis = runKpis(run, goldDir)
  const publishId = newRunId(startedAt)
  const totalRows = rows.reduce((a, b) => a + b, 0)
  const progress = (done: number, label: string) =>
    options.onProgress?.(Math.min(1, done / Math.max(1, totalRows)), label)

  const publishDocs: PublishDocs = db.collection(PUBLISH_COLLECTION)
  let server: Server
  let lease: PublishLease
  try {
    server = await serverOf(db)
    // Readers can tell a publish is under way (the finished one stays described until this one ends).
    lease = await acquirePublishLease(publishDocs, db.databaseName, {
      publishId,
      runId: run.runId,
      startedAt,
    })
  } catch (err) {
    throw publishError(err, db.client, `to ${db.databaseName}`)
  }

  const collections: CollectionPublish[] = []
  let rowsBefore = 0
  for (const [i, spec] of COLLECTIONS.entries()) {
    const offset = rowsBefore
    try {
      signal?.throwIfAborted()
      collections.push(
        await publishCollection({
          db,
          spec,
          goldDir,
          publishId,
          batchSize,
          server,
          signal,
          onBatch: async (done, label) => {
            progress(offset + done, label)
            await lease.heartbeat()
          },
        }),
      )
    } catch (err) {
      await lease.abandon().catch(() => {})
      throw publishError(err, db.client, spec.name, signal)
    }
    rowsBefore += rows[i] ?? 0
  }

  try {
    const { segments, ...figures } = kpis
    await db.collection<{ _id: string }>(KPIS_COLLECTION).replaceOne(
      { _id: KPIS_DOC_ID },
      {
        ...figures,
        dataset_size: figures.total_achats,
        segments,
        run_id: run.runId,
        [PUBLISH_STAMP]: publishId,
      },
      { upsert: true },
    )
    await lease.finish({
      publish_id: publishId,
      run_id: run.runId,
      reference_date: run.referenceDate ?? null,
      started_at: startedAt,
      finished_at: new Date(),
      counts: Object.fromEntries(collections.map((c) => [c.name, c.total])),
    })
  } catch (err) {
    await lease.abandon().catch(() => {})
    throw publishError(err, db.client, KPIS_COLLECTION, signal)
  }
  options.onProgress?.(1, 'published')
  return { publishId, runId: run.runId, collections, ms: performance.now() - started }
}
