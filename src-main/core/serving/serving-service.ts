/**
 * Picks the serving store and answers the contract's serving calls: MongoDB when one is configured (the
 * caller passes the factory, so this file needs no driver), else the embedded ParquetStore over the lake.
 * Either loads with its first request (lazy-store.ts).
 */
import type {
  CallArgs,
  ListResult,
  ServedKpis,
  StoreHealth,
  TaskInfo,
} from '../../../src-preload/contract.ts'
import { parseListParams } from '../api/list-params.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import type { Lake } from '../lake/lake.ts'
import type { TaskRegistry } from '../tasks.ts'
import { collectionForRoute } from './collections.ts'
import { lazyStore } from './lazy-store.ts'
import type { ServingStore } from './serving-store.ts'

export interface ServingServiceOptions {
  lake: Lake
  /** Given when a MongoDB URL is configured (MONGO_URL, MONGO_URI or settings): builds the MongoStore. */
  createMongoStore?: () => Promise<ServingStore>
  /** The lake folder for messages (defaults to the lake's location). */
  lakeDir?: string
  /** When given, a pipeline run that succeeds is served at once (the embedded store looks again). */
  tasks?: TaskRegistry
}

export class ServingService {
  readonly store: ServingStore
  private readonly stopWatching: () => void

  constructor(options: ServingServiceOptions) {
    const { lake, lakeDir = lake.location } = options
    this.store = options.createMongoStore
      ? lazyStore('mongo', options.createMongoStore)
      : lazyStore('parquet', async () => new (await import('./parquet-store.ts')).ParquetStore(lake, lakeDir))
    const tasks = options.tasks
    const onChanged = (task: TaskInfo) => {
      if (task.kind === 'pipeline' && task.state === 'succeeded') this.runCommitted()
    }
    tasks?.on('changed', onChanged)
    this.stopWatching = () => tasks?.off('changed', onChanged)
  }

  /** Which store serves and whether it answers; never throws. */
  async status(): Promise<StoreHealth> {
    try {
      return await this.store.health()
    } catch (err) {
      return { store: this.store.kind, ok: false, detail: errorMessage(err) }
    }
  }

  async kpis(): Promise<ServedKpis | null> {
    return this.store.kpis()
  }

  /** One page of a route's rows; parameters are checked as the HTTP API checks them (invalid_input). */
  async table(input: CallArgs<'data.table'>): Promise<ListResult | null> {
    const spec = collectionForRoute(`/${input.route}`)
    if (!spec) throw new MedallionError('invalid_input', `data.table: no collection serves /${input.route}`)
    const query = parseListParams(spec, input)
    return this.store.list(spec, query)
  }

  /** A pipeline run just committed: the embedded store looks at the lake again on the next request. */
  runCommitted(): void {
    this.store.refresh?.()
  }

  close(): Promise<void> {
    this.stopWatching()
    return this.store.close()
  }
}
