/**
 * The serving layer on MongoDB (or FerretDB): answers the read API from what the publisher wrote. Values
 * leave through toJsonValue, so rows have the same JSON shape as ParquetStore's. Every message is free
 * of the URL's password.
 */
import { Db, type MongoClient } from 'mongodb'
import type { ListResult, Row, ServedKpis, StoreHealth } from '../../../src-preload/contract.ts'
import type { SalesFilter, SalesResult } from '../../../src-preload/contract-insights.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import { type CollectionSpec, KPIS_COLLECTION } from './collections.ts'
import { documentId, KPIS_DOC_ID, PUBLISH_COLLECTION, PUBLISH_DOC_ID } from './gold-documents.ts'
import { toJsonValue } from './json-values.ts'
import { createMongoClient } from './mongo-client.ts'
import {
  describeClient,
  isAuthFailure,
  isUnreachable,
  type MongoConfig,
  redactClientSecrets,
  redactMongoUrl,
  redactSecrets,
} from './mongo-config.ts'
import { mongoSales } from './mongo-sales.ts'
import { PublishCache } from './publish-cache.ts'
import { salesFilterKey } from './sales-query.ts'
import type { KeyValue, ListQuery, ServingStore } from './serving-store.ts'

/**
 * Where the store reads:
 * - a MongoConfig: the store makes its own client on first use and closes it in close();
 * - `{ client, db }`: a caller's client and a database name; the caller closes the client;
 * - a `Db`: a caller's database.
 */
export type MongoStoreSource = MongoConfig | { client: MongoClient; db: string } | Db

export interface MongoStoreOptions {
  /** How long health() waits for the server's answer to ping (default 2 s). */
  pingTimeoutMs?: number
  /**
   * Keep answers until the next publish (default true). Off, every request reads the server: for
   * collections that something other than the publisher writes, and to measure the server itself.
   */
  cacheAnswers?: boolean
}

/** How long a request waits for an unreachable server before the API answers 503. */
const SERVER_SELECTION_MS = 2_000
const PING_TIMEOUT_MS = 2_000

type AnyDocument = Record<string, unknown>

/** Only the catalog's fields: never `_id`, `_hash` or the publish stamp. */
function servedProjection(spec: CollectionSpec): Record<string, 0 | 1> {
  return { _id: 0, ...Object.fromEntries(spec.fields.map((f) => [f, 1 as const])) }
}

function servedRow(spec: CollectionSpec, doc: AnyDocument): Row {
  return Object.fromEntries(spec.fields.map((f) => [f, toJsonValue(doc[f])]))
}

/** What the publish document says, as far as readers care. */
interface PublishState {
  /** Changes whenever a publish starts, ends or gives up. */
  token: string | undefined
  /** A publish ended and none is under way: answers may be kept. */
  settled: boolean
  /** Documents per collection as the last publish counted them. */
  counts: Record<string, unknown>
  /** The run the last publish came from. */
  runId: string | undefined
}

export class MongoStore implements ServingStore {
  readonly kind = 'mongo' as const
  private readonly config?: MongoConfig
  private readonly injected?: Db
  private connection?: Promise<MongoClient>
  private readonly pingTimeoutMs: number
  private readonly cache?: PublishCache
  private stateRead?: Promise<PublishState>

  constructor(source: MongoStoreSource, options: MongoStoreOptions = {}) {
    if (source instanceof Db) this.injected = source
    else if ('client' in source) this.injected = source.client.db(source.db)
    else this.config = source
    this.pingTimeoutMs = options.pingTimeoutMs ?? PING_TIMEOUT_MS
    if (options.cacheAnswers !== false) this.cache = new PublishCache()
  }

  /** Where the store reads, without credentials. */
  private where(): string {
    if (this.config) return `${redactMongoUrl(this.config.url)} database ${this.config.db}`
    const db = this.injected as Db
    return `${describeClient(db.client)} database ${db.databaseName}`
  }

  private redacted(err: unknown): string {
    const message = errorMessage(err)
    if (this.config) return redactSecrets(message, this.config.url)
    return redactClientSecrets(message, (this.injected as Db).client)
  }

  /**
   * The database, connecting on first use. A failed connection is dropped, not kept: the driver's client
   * stays closed after a failed connect, and the next request must try again (MongoDB may be back).
   */
  private async database(): Promise<Db> {
    if (this.injected) return this.injected
    const config = this.config as MongoConfig
    this.connection ??= createMongoClient(config.url, {
      serverSelectionTimeoutMS: SERVER_SELECTION_MS,
      connectTimeoutMS: SERVER_SELECTION_MS,
    }).connect()
    const pending = this.connection
    try {
      return (await pending).db(config.db)
    } catch (err) {
      if (this.connection === pending) this.connection = undefined
      throw err
    }
  }

  /** Runs a read; driver errors are rethrown with a message that says where and never quotes a secret. */
  private async read<T>(work: (db: Db) => Promise<T>): Promise<T> {
    try {
      return await work(await this.database())
    } catch (err) {
      if (err instanceof MedallionError) throw err
      if (isUnreachable(err)) {
        throw new MedallionError(
          'store_unreachable',
          `MongoDB at ${this.where()} is not reachable: ${this.redacted(err)}`,
        )
      }
      if (isAuthFailure(err)) {
        throw new MedallionError(
          'store_auth',
          `MongoDB at ${this.where()} refused the credentials (${this.redacted(err)}): check the user and password in MONGO_URL`,
        )
      }
      throw new MedallionError('store_error', `MongoDB at ${this.where()}: ${this.redacted(err)}`)
    }
  }

  async health(): Promise<StoreHealth> {
    let timer: NodeJS.Timeout | undefined
    // Asked together with ping, and shared with the requests that read it meanwhile (/health's own KPIs):
    // under load each round trip waits its turn at the server.
    const state = this.read((db) => this.publishState(db))
    state.catch(() => {})
    try {
      const ping = this.read((db) => db.command({ ping: 1 }))
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer to ping within ${this.pingTimeoutMs} ms`)),
          this.pingTimeoutMs,
        )
      })
      ping.catch(() => {})
      await Promise.race([ping, timeout])
    } catch (err) {
      const reason =
        err instanceof MedallionError
          ? err.message
          : `MongoDB at ${this.where()} is not reachable: ${this.redacted(err)}`
      return { store: 'mongo', ok: false, detail: reason }
    } finally {
      clearTimeout(timer)
    }
    // A server may answer ping without credentials: reading the publish document checks them too.
    let runId: string | undefined
    try {
      runId = (await state).runId
    } catch (err) {
      if (err instanceof MedallionError && err.code === 'store_auth')
        return { store: 'mongo', ok: false, detail: err.message }
    }
    return { store: 'mongo', ok: true, detail: this.where(), ...(runId ? { runId } : {}) }
  }

  /** The publish document, read once for all the requests that arrive together (a dashboard's refresh). */
  private publishState(db: Db): Promise<PublishState> {
    this.stateRead ??= db
      .collection<{ _id: string } & AnyDocument>(PUBLISH_COLLECTION)
      .findOne({ _id: PUBLISH_DOC_ID })
      .then((doc): PublishState => {
        if (!doc) return { token: undefined, settled: false, counts: {}, runId: undefined }
        const counts = typeof doc.counts === 'object' && doc.counts !== null ? doc.counts : {}
        return {
          token: `${String(doc.revision ?? '')}/${String(doc.publish_id ?? '')}`,
          settled: doc.in_progress === undefined && doc.publish_id !== undefined,
          counts: counts as Record<string, unknown>,
          runId: typeof doc.run_id === 'string' ? doc.run_id : undefined,
        }
      })
      .finally(() => {
        this.stateRead = undefined
      })
    return this.stateRead
  }

  /** An answer computed once per publish: published collections change only through a publish. */
  private async cached<T>(db: Db, key: string, compute: (state: PublishState) => Promise<T>): Promise<T> {
    const state = await this.publishState(db)
    if (!this.cache) return compute(state)
    this.cache.validate(state.token)
    return this.cache.get(key, state.settled, () => compute(state))
  }

  kpis(): Promise<ServedKpis | null> {
    return this.read((db) => this.cached(db, 'kpis', () => this.readKpis(db)))
  }

  private async readKpis(db: Db): Promise<ServedKpis | null> {
    const doc = await db
      .collection<{ _id: string } & AnyDocument>(KPIS_COLLECTION)
      .findOne({ _id: KPIS_DOC_ID })
    if (!doc) return null
    const n = (field: string) => {
      const value = toJsonValue(doc[field])
      return typeof value === 'number' ? value : 0
    }
    return {
      total_ca: n('total_ca'),
      total_achats: n('total_achats'),
      total_clients: n('total_clients'),
      panier_moyen: n('panier_moyen'),
      expected_total: n('expected_total'),
      dataset_size: n('total_achats'),
    }
  }

  list(spec: CollectionSpec, query: ListQuery): Promise<ListResult | null> {
    return this.read((db) =>
      this.cached(db, `${spec.name} ${JSON.stringify(query)}`, (state) =>
        this.readList(db, spec, query, state),
      ),
    )
  }

  private async readList(
    db: Db,
    spec: CollectionSpec,
    query: ListQuery,
    state: PublishState,
  ): Promise<ListResult | null> {
    const coll = db.collection<AnyDocument>(spec.name)
    const projection = servedProjection(spec)
    const toRow = (doc: AnyDocument) => servedRow(spec, doc)
    const filterFields = Object.keys(query.filter)

    let rows: Row[]
    let total: number
    if (filterFields.length === 1 && filterFields[0] === spec.key) {
      // A key lookup goes by `_id` (the key as text): the one query FerretDB does not answer by a scan.
      const value = query.filter[spec.key]
      const doc = await coll.findOne({ _id: documentId(value) } as AnyDocument, { projection })
      const found = doc && doc[spec.key] === value ? [toRow(doc)] : []
      rows = found.slice(query.offset, query.offset + query.limit)
      total = found.length
    } else {
      // Ties are broken by the unique key ascending, as ParquetStore does, so pages never overlap.
      const sort: Record<string, 1 | -1> =
        query.sort.field === spec.key
          ? { [spec.key]: query.sort.dir }
          : { [query.sort.field]: query.sort.dir, [spec.key]: 1 }
      // Unfiltered, the publish's own count is exact: no second scan (a count is one on FerretDB).
      const published = state.settled ? state.counts[spec.name] : undefined
      const counted =
        filterFields.length === 0 && typeof published === 'number'
          ? Promise.resolve(published)
          : coll.countDocuments(query.filter)
      const [docs, count] = await Promise.all([
        coll.find(query.filter, { projection }).sort(sort).skip(query.offset).limit(query.limit).toArray(),
        counted,
      ])
      rows = docs.map(toRow)
      total = count
    }
    // Nothing matched: an empty answer if the collection has documents, null if nothing is published.
    if (total === 0 && !(await coll.findOne({}, { projection: { _id: 1 } }))) return null
    return { rows, total }
  }

  byKeys(spec: CollectionSpec, keys: readonly KeyValue[]): Promise<Row[] | null> {
    const unique = [...new Set(keys)]
    return this.read((db) =>
      this.cached(db, `${spec.name} keys ${JSON.stringify(unique)}`, () => this.readByKeys(db, spec, unique)),
    )
  }

  private async readByKeys(db: Db, spec: CollectionSpec, keys: readonly KeyValue[]): Promise<Row[] | null> {
    const coll = db.collection<AnyDocument>(spec.name)
    const projection = servedProjection(spec)
    // By `_id` (the key as text), as a key lookup in list(): FerretDB answers it from the index.
    const docs = await coll
      .find({ _id: { $in: keys.map(documentId) } } as AnyDocument, { projection })
      .toArray()
    if (docs.length === 0 && !(await coll.findOne({}, { projection: { _id: 1 } }))) return null
    // `_id` is the key as text: a document counts only if its key is the very value asked (7 is not '7').
    const byKey = new Map(docs.map((doc) => [toJsonValue(doc[spec.key]), doc]))
    return keys.flatMap((key) => {
      const doc = byKey.get(key)
      return doc ? [servedRow(spec, doc)] : []
    })
  }

  sales(filter: SalesFilter): Promise<SalesResult | null> {
    return this.read((db) => this.cached(db, `sales ${salesFilterKey(filter)}`, () => mongoSales(db, filter)))
  }

  async close(): Promise<void> {
    const pending = this.connection
    this.connection = undefined
    await pending?.then((client) => client.close()).catch(() => {})
  }
}
