/**
 * The HTTP server of the read API (and of web mode when a web root is given), on node:http. Binds
 * 127.0.0.1:5000 by default; port 0 takes any free port. On loopback every request must name this
 * server in its Host header (a DNS-rebound name does not); /rpc and /events are loopback-only always.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { CoreEvents } from '../core-events.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import type { Handlers } from '../rpc.ts'
import { sendJson } from './http-io.ts'
import { isLoopbackHost, RequestGuard } from './request-guard.ts'
import { createReadApi, notFound, type StoreSource } from './routes.ts'
import { WebMode } from './web.ts'

export const DEFAULT_API_HOST = '127.0.0.1'
export const DEFAULT_API_PORT = 5000

export interface ApiServerOptions {
  /** The contract's handlers, for POST /rpc in web mode. */
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
}

export interface RunningApi {
  /** e.g. http://127.0.0.1:5000 */
  url: string
  host: string
  port: number
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

export async function startApi(options: ApiServerOptions): Promise<RunningApi> {
  const host = options.host ?? DEFAULT_API_HOST
  const port = options.port ?? DEFAULT_API_PORT
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new MedallionError('bad_port', `the API port must be a whole number from 0 to 65535, got ${port}`)
  }
  const api = createReadApi(options.store)
  const web = options.webRoot
    ? new WebMode({ webRoot: options.webRoot, handlers: options.handlers, events: options.events })
    : undefined
  const loopback = isLoopbackHost(host)
  // Set once the port is known (port 0 picks one at listen time).
  let guard: RequestGuard | undefined

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const path = q === -1 ? url : url.slice(0, q)
    const method = req.method ?? 'GET'
    if (!guard) throw new Error('the server is not listening yet')
    if (loopback) {
      const problem = guard.hostProblem(req)
      if (problem) return sendJson(res, 403, { error: problem })
    }
    if (web && (await web.handleContract(req, res, path, guard))) return
    const answer = await api.handle({
      method,
      path,
      search: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)),
    })
    if (answer) return sendJson(res, answer.status, answer.body, answer.headers, answer.raw)
    if (web && (method === 'GET' || method === 'HEAD')) return web.serveFile(path, method, res)
    const missing = notFound(path, api.routes)
    sendJson(res, missing.status, missing.body)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (res.headersSent) res.destroy()
      else sendJson(res, 500, { error: `internal error: ${errorMessage(err)}` })
    })
  })

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
  guard = new RequestGuard(host, boundPort)
  const urlHost = host.includes(':') ? `[${host}]` : host

  return {
    url: `http://${urlHost}:${boundPort}`,
    host,
    port: boundPort,
    close: () =>
      new Promise<void>((resolve, reject) => {
        web?.close()
        server.close((err) => (err ? reject(err) : resolve()))
        // Keep-alive sockets and event streams would otherwise hold close() open.
        server.closeAllConnections()
      }),
  }
}
