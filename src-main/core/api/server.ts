/**
 * The HTTP server of the read API (and of web mode when a web root is given), on node:http, or node:https
 * with a certificate. Binds 127.0.0.1:5000 by default; port 0 takes any free port. Every request must name
 * this server in its Host header (a DNS-rebound name does not): its loopback names on loopback, the
 * allow-list elsewhere. /rpc and /events need the launch token always; bound beyond loopback every route
 * does (the UI's files excepted), and the token exchange (`?token=`) works on any page.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { CoreEvents } from '../core-events.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import type { Handlers } from '../rpc.ts'
import { compressResponse } from './compression.ts'
import { HeavyGate } from './heavy-gate.ts'
import { sendJson } from './http-io.ts'
import { sendJsonList } from './json-stream.ts'
import { OwnerGate } from './owner-gate.ts'
import {
  defaultAllowedHosts,
  isLoopbackHost,
  isWildcardHost,
  LOOPBACK_NAMES,
  RequestGuard,
} from './request-guard.ts'
import { createReadApi, notFound, type StoreSource } from './routes.ts'
import { handleWebRoute, WebMode, type WebRoute } from './web.ts'
import { newWebToken } from './web-token.ts'

export const DEFAULT_API_HOST = '127.0.0.1'
export const DEFAULT_API_PORT = 5000
/** Big pages written at once: one per core of a small machine keeps the event loop free for the rest. */
export const HEAVY_SLOTS = 2

export interface ApiServerOptions {
  /** The contract's handlers for POST /rpc in web mode, as HTTP may call them (`http-policy.ts`'s `httpHandlers`). */
  handlers: Handlers
  /** The store the read API answers from, or a function giving the current one. */
  store: StoreSource
  /** The contract's events, sent to GET /events in web mode. */
  events: CoreEvents
  host?: string
  /** 0 = any free port. */
  port?: number
  /** The built renderer: serves it, /rpc and /events (web mode). */
  webRoot?: string
  /** The launch token (web-token.ts); a fresh random one when absent. */
  token?: string
  /** Host names (no port) accepted when bound beyond loopback; default: defaultAllowedHosts(). */
  allowedHosts?: readonly string[]
  /** PEM certificate and key: serve HTTPS. */
  tls?: { cert: string | Buffer; key: string | Buffer }
  /** Event streams open at once (default MAX_EVENT_STREAMS). */
  maxEventStreams?: number
  /** Big list pages written at once (default HEAVY_SLOTS). */
  heavySlots?: number
  /** Web mode's added routes (e.g. an upload), each declaring who may use it. */
  webRoutes?: readonly WebRoute[]
}

export interface RunningApi {
  /** e.g. http://127.0.0.1:5000 */
  url: string
  /** The URL to open: `url` + `/?token=…`, exchanged for the cookie on the first visit. */
  openUrl: string
  /** The launch token, for `Authorization: Bearer`. */
  token: string
  host: string
  port: number
  /** The host names (no port) the Host header may carry. */
  allowedHosts: readonly string[]
  close(): Promise<void>
}

function listenError(err: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host}:${port}`
  const pick = 'Pick another port with --port <n> or MEDALLION_API_PORT=<n> (0 takes any free port).'
  switch (err.code) {
    case 'EADDRINUSE':
      return new MedallionError(
        'port_in_use',
        `cannot serve on ${where}: the port is already in use by another program` +
          `${port === DEFAULT_API_PORT ? ' (on macOS, the AirPlay Receiver listens on port 5000)' : ''}. ${pick}`,
      )
    case 'EACCES':
      return new MedallionError('port_denied', `cannot serve on ${where}: permission denied. ${pick}`)
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new MedallionError(
        'bad_host',
        `cannot serve on ${where}: ${host} is not an address of this machine`,
      )
    default:
      return new MedallionError('listen_failed', `cannot serve on ${where}: ${errorMessage(err)}`)
  }
}

/** An HTTPS server; a certificate or key node cannot load is a clear error, not a stack trace. */
function createTlsServer(
  tls: NonNullable<ApiServerOptions['tls']>,
  onRequest: (req: IncomingMessage, res: ServerResponse) => void,
): Server {
  try {
    return createHttpsServer({ cert: tls.cert, key: tls.key }, onRequest) as unknown as Server
  } catch (err) {
    throw new MedallionError(
      'bad_tls',
      `cannot serve HTTPS with this certificate and key: ${errorMessage(err)} (both must be PEM, the key unencrypted and matching the certificate)`,
    )
  }
}

export async function startApi(options: ApiServerOptions): Promise<RunningApi> {
  const host = options.host ?? DEFAULT_API_HOST
  const port = options.port ?? DEFAULT_API_PORT
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new MedallionError('bad_port', `the API port must be a whole number from 0 to 65535, got ${port}`)
  }
  const token = options.token ?? newWebToken()
  const loopback = isLoopbackHost(host)
  const allowedHosts = loopback
    ? [...new Set([...LOOPBACK_NAMES, host.replace(/^\[|\]$/g, '').toLowerCase()])]
    : [...(options.allowedHosts ?? defaultAllowedHosts())]
  const scheme = options.tls ? 'https' : 'http'
  const api = createReadApi(options.store)
  // Big list pages take turns, a few at a time: small answers are written between their chunks.
  const heavy = new HeavyGate(options.heavySlots ?? HEAVY_SLOTS)
  const web = options.webRoot
    ? new WebMode({
        webRoot: options.webRoot,
        handlers: options.handlers,
        events: options.events,
        maxEventStreams: options.maxEventStreams,
        routes: options.webRoutes,
      })
    : undefined
  // Set once the port is known (port 0 picks one at listen time; the cookie's name carries it).
  let checks: { guard: RequestGuard; owner: OwnerGate } | undefined

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const path = q === -1 ? url : url.slice(0, q)
    const search = new URLSearchParams(q === -1 ? '' : url.slice(q + 1))
    const method = req.method ?? 'GET'
    if (!checks) throw new Error('the server is not listening yet')
    const problem = checks.guard.hostProblem(req)
    if (problem) {
      req.resume()
      return sendJson(res, 403, { error: problem })
    }
    if (checks.owner.exchange(req, res, path, search)) return
    if (web && (await web.handleContract(req, res, path, checks))) return
    // Without a UI the added routes (the data browser's /lake) still answer, after the same checks.
    if (!web && (await handleWebRoute(options.webRoutes ?? [], req, res, path, checks))) return
    const isApiRoute = api.routes.includes(path)
    // Beyond loopback anyone on the network can ask: the read API too wants the owner.
    if (isApiRoute && !loopback && !checks.owner.require(req, res)) return
    const answer = await api.handle({ method, path, search })
    if (answer?.list) return sendJsonList(res, answer.status, answer.list, heavy, answer.headers)
    if (answer) return sendJson(res, answer.status, answer.body, answer.headers, answer.raw)
    if (web && (method === 'GET' || method === 'HEAD')) return web.serveFile(path, req, res)
    const missing = notFound(path, api.routes)
    sendJson(res, missing.status, missing.body)
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    // The one compression layer: files, JSON and owner routes alike (compression.ts says what it skips).
    compressResponse(req, res)
    handle(req, res).catch((err) => {
      if (res.headersSent) res.destroy()
      else sendJson(res, 500, { error: `internal error: ${errorMessage(err)}` })
    })
  }
  const server: Server = options.tls ? createTlsServer(options.tls, onRequest) : createServer(onRequest)

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      web?.close()
      reject(listenError(err, host, port))
    }
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve()
    })
  })

  const address = server.address()
  const boundPort = typeof address === 'object' && address ? address.port : port
  checks = {
    guard: new RequestGuard(allowedHosts, boundPort, scheme),
    owner: new OwnerGate({ token, port: boundPort, secure: scheme === 'https' }),
  }
  // The printed URL must pass the Host check: the bound address if allowed, else the first allowed name.
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  const urlHost = !isWildcardHost(host) && allowedHosts.includes(bare) ? bare : (allowedHosts[0] ?? bare)
  const url = `${scheme}://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${boundPort}`

  return {
    url,
    openUrl: `${url}/?token=${token}`,
    token,
    host,
    port: boundPort,
    allowedHosts,
    close: () =>
      new Promise<void>((resolve, reject) => {
        web?.close()
        server.close((err) => (err ? reject(err) : resolve()))
        // Keep-alive sockets and event streams would otherwise hold close() open.
        server.closeAllConnections()
      }),
  }
}
