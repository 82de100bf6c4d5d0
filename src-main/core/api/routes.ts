/**
 * The read API's routes (spec §7, with its gaps fixed): `/health`, `/kpis`, the list routes of the
 * catalog and `/openapi.json`, as plain request → JSON answer functions with no HTTP plumbing. Shapes:
 *   list   200 { data: [...], meta: { count, total, offset, limit, query_ms } }
 *   /kpis  200 { total_ca, total_achats, total_clients, panier_moyen, expected_total, dataset_size, meta: { query_ms } }
 *   errors { error: "<English message>", param? | collection? } with 400, 404, 405 or 503.
 * `/health` is 200 whenever the store answers, published or not (`published` says which); 503 only when
 * the store is unreachable. Its `detail` names the kind of store, never where it lives on this machine:
 * the window (`serving.status`) shows the lake's folder, an HTTP client learns no absolute path.
 */
import { isAbsolute } from 'node:path'
import { DATA_ROUTES } from '../../../src-preload/contract.ts'
import { errorMessage } from '../errors.ts'
import {
  type CollectionSpec,
  collection,
  collectionForRoute,
  KPIS_COLLECTION,
} from '../serving/collections.ts'
import { salesFilterFromSearch } from '../serving/sales-route.ts'
import { servedPage } from '../serving/served-page.ts'
import type { ServingStore, StoreHealth } from '../serving/serving-store.ts'
import type { JsonList } from './json-stream.ts'
import { assertNoParams, listParamsFromSearch, ParamError, parseListParams } from './list-params.ts'
import { buildOpenApi } from './openapi.ts'

export interface ApiRequest {
  method: string
  /** The path as sent, without the query. */
  path: string
  search: URLSearchParams
}

export interface ApiAnswer {
  status: number
  /** Sent as JSON. */
  body?: unknown
  /** Already-serialised JSON, sent as is instead of `body`. */
  raw?: string
  /** A list answer whose page is serialised as it is written (json-stream.ts), instead of `body`. */
  list?: JsonList
  headers?: Record<string, string>
}

export interface ReadApi {
  /** The answer for an API path, or undefined when the path is not one of the API's. */
  handle(request: ApiRequest): Promise<ApiAnswer | undefined>
  readonly routes: readonly string[]
}

const ALLOW = 'GET, HEAD'

function elapsed(start: number): number {
  return Math.round((performance.now() - start) * 1000) / 1000
}

function emptyHint(store: ServingStore): string {
  return store.kind === 'parquet'
    ? 'run the pipeline (medallion run) to build gold'
    : 'publish gold to MongoDB (medallion publish)'
}

function unavailable(store: ServingStore, err: unknown): ApiAnswer {
  return {
    status: 503,
    body: { error: `the ${store.kind} serving store did not answer: ${errorMessage(err)}` },
  }
}

function empty(store: ServingStore, collection: string, filledBy?: string): ApiAnswer {
  const hint = filledBy ?? emptyHint(store)
  return {
    status: 503,
    body: { error: `${collection} is empty: nothing is published yet (${hint})`, collection },
  }
}

/** Which store serves, as /health says it: the lake's folder or endpoint stays on the server. */
function storeLabel(health: StoreHealth): string {
  if (health.store === 'mongo') return 'mongo (MongoDB)'
  if (!health.ok) return 'parquet (lake)'
  return isAbsolute(health.detail) ? 'parquet (local lake)' : 'parquet (S3 lake)'
}

/**
 * An error text without absolute file paths (a folder outside `scheme://`): an unreadable lake's message
 * names its folder. POSIX paths and Windows drive paths become `<path>`.
 */
export function withoutPaths(text: string): string {
  return text
    .replace(/(?<![\w:/.~-])\/[^\s'"`,;:()]+/g, '<path>')
    .replace(/\b[A-Za-z]:\\[^\s'"`,;:()]*/g, '<path>')
}

/** A store, or where to find the current one (the core's moves when it connects to the stack). */
export type StoreSource = ServingStore | (() => ServingStore)

export function createReadApi(source: StoreSource): ReadApi {
  const current = typeof source === 'function' ? source : () => source
  const lists = new Map<string, CollectionSpec>()
  for (const route of DATA_ROUTES) {
    const spec = collectionForRoute(`/${route}`)
    if (!spec) throw new Error(`the serving catalog has no collection for /${route}`)
    lists.set(`/${route}`, spec)
  }
  let openApi: string | undefined

  const health = async (): Promise<ApiAnswer> => {
    const store = current()
    try {
      // Asked together: a store may answer both with one read (MongoDB's publish document).
      const kpis = store.kpis()
      kpis.catch(() => {})
      const h = await store.health()
      if (!h.ok) {
        const detail = `${storeLabel(h)} does not answer: ${withoutPaths(h.detail)}`
        return { status: 503, body: { status: 'down', store: h.store, detail } }
      }
      const published = (await kpis) !== null
      return {
        status: 200,
        body: {
          status: 'ok',
          store: h.store,
          detail: storeLabel(h),
          ...(h.runId ? { runId: h.runId } : {}),
          published,
          ...(published ? {} : { message: `nothing is published yet: ${emptyHint(store)}` }),
        },
      }
    } catch (err) {
      const detail = `the ${store.kind} store does not answer: ${withoutPaths(errorMessage(err))}`
      return { status: 503, body: { status: 'down', store: store.kind, detail } }
    }
  }

  const kpis = async (): Promise<ApiAnswer> => {
    const store = current()
    const start = performance.now()
    try {
      const figures = await store.kpis()
      const query_ms = elapsed(start)
      if (!figures) return empty(store, KPIS_COLLECTION)
      return { status: 200, body: { ...figures, meta: { query_ms } } }
    } catch (err) {
      return unavailable(store, err)
    }
  }

  const list = async (spec: CollectionSpec, search: URLSearchParams): Promise<ApiAnswer> => {
    const query = parseListParams(spec, listParamsFromSearch(spec, search))
    const store = current()
    const start = performance.now()
    try {
      const page = await servedPage(store, spec, query)
      const query_ms = elapsed(start)
      if (!page) return empty(store, spec.name, spec.filledBy)
      const meta = {
        count: page.count,
        total: page.total,
        offset: query.offset,
        limit: query.limit,
        query_ms,
      }
      // `{ data: [...rows], meta }`, the rows written as they are serialised.
      return { status: 200, list: { before: '{"data":[', page, after: `],"meta":${JSON.stringify(meta)}}` } }
    } catch (err) {
      return unavailable(store, err)
    }
  }

  // `/sales`: the fact filtered and grouped (serving/sales-query.ts); parameters in serving/sales-route.ts.
  const sales = async (search: URLSearchParams): Promise<ApiAnswer> => {
    const filter = salesFilterFromSearch(search)
    const store = current()
    const start = performance.now()
    try {
      const result = await store.sales(filter)
      const query_ms = elapsed(start)
      if (!result) return empty(store, collection('gold_fact_achats').name)
      const meta = { grain: result.grain, count: result.rows.length, query_ms }
      return { status: 200, body: { data: result.rows, totals: result.totals, meta } }
    } catch (err) {
      return unavailable(store, err)
    }
  }

  const routes = ['/health', '/kpis', ...lists.keys(), '/sales', '/openapi.json']

  return {
    routes,
    async handle({ method, path, search }) {
      const spec = lists.get(path)
      if (!spec && !routes.includes(path)) return undefined
      if (method !== 'GET' && method !== 'HEAD') {
        return {
          status: 405,
          body: { error: `${method} is not allowed on ${path}: the read API answers GET` },
          headers: { Allow: ALLOW },
        }
      }
      try {
        if (spec) return await list(spec, search)
        if (path === '/sales') return await sales(search)
        assertNoParams(path, search)
        if (path === '/health') return await health()
        if (path === '/kpis') return await kpis()
        openApi ??= JSON.stringify(buildOpenApi())
        return { status: 200, raw: openApi }
      } catch (err) {
        if (err instanceof ParamError) return { status: 400, body: { error: err.message, param: err.param } }
        throw err
      }
    },
  }
}

/** The JSON 404 for a path no route serves. */
export function notFound(path: string, routes: readonly string[]): ApiAnswer {
  return {
    status: 404,
    body: { error: `no route ${JSON.stringify(path.slice(0, 200))}; routes: ${routes.join(', ')}` },
  }
}
