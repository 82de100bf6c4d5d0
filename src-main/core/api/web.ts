/**
 * Web mode: what `medallion serve` adds to the read API so the same UI runs in a browser — the built
 * renderer's files, the contract at `POST /rpc/<call>` and its events at `GET /events`. Each of its routes
 * declares who may use it; the ones that act or stream need a same-origin request (no other site) AND the
 * owner (the launch token), whatever address asks. The files stay open: the page must load to say how to
 * sign in.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CoreEvents } from '../core-events.ts'
import type { Handlers } from '../rpc.ts'
import { EventStreams } from './events.ts'
import { sendJson } from './http-io.ts'
import type { OwnerGate } from './owner-gate.ts'
import type { RequestGuard } from './request-guard.ts'
import { handleRpc } from './rpc-http.ts'
import { StaticFiles } from './static-files.ts'

export interface WebModeOptions {
  webRoot: string
  /** The contract's handlers as HTTP may call them. */
  handlers: Handlers
  events: CoreEvents
  keepAliveMs?: number
  /** Event streams open at once (default MAX_EVENT_STREAMS); past it, 429. */
  maxEventStreams?: number
  /** More routes (e.g. an upload), checked like /rpc before they see a request. */
  routes?: readonly WebRoute[]
}

/** What a request is checked against before a web route sees it. */
export interface WebRequestChecks {
  guard: RequestGuard
  owner: OwnerGate
}

/** A route of web mode: it says who may use it, the checks are made before `handle` runs. */
export interface WebRoute {
  matches(path: string): boolean
  /** 'owner': same origin and the launch token (cookie or Bearer); nothing reaches `handle` without them. */
  access: 'owner'
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> | void
}

export class WebMode {
  private readonly files: StaticFiles
  private readonly events: EventStreams
  private readonly routes: readonly WebRoute[]

  constructor(options: WebModeOptions) {
    this.files = new StaticFiles(options.webRoot)
    this.events = new EventStreams(options.events, options.keepAliveMs, options.maxEventStreams)
    this.routes = [
      {
        matches: (path) => path === '/events',
        access: 'owner',
        handle: (req, res) => {
          if (req.method !== 'GET') sendJson(res, 405, { error: 'GET /events only' }, { Allow: 'GET' })
          else this.events.open(req, res)
        },
      },
      {
        matches: (path) => path === '/rpc' || path.startsWith('/rpc/'),
        access: 'owner',
        handle: (req, res, path) => handleRpc(options.handlers, path.slice('/rpc/'.length), req, res),
      },
      ...(options.routes ?? []),
    ]
  }

  /** Answers the web routes (/rpc/*, /events, the added ones); false for any other path. */
  handleContract(req: IncomingMessage, res: ServerResponse, path: string, checks: WebRequestChecks) {
    return handleWebRoute(this.routes, req, res, path, checks)
  }

  serveFile(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    return this.files.serve(path, req, res)
  }

  close(): void {
    this.events.close()
  }
}

/**
 * Answers the route matching `path` after its checks (same origin, then the owner); false when none
 * matches. Also used without web mode, for routes added to a read API with no UI to serve.
 */
export async function handleWebRoute(
  routes: readonly WebRoute[],
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  checks: WebRequestChecks,
): Promise<boolean> {
  const route = routes.find((r) => r.matches(path))
  if (!route) return false
  const problem = checks.guard.originProblem(req)
  if (problem) {
    req.resume()
    sendJson(res, 403, { error: { code: 'forbidden', message: problem } })
    return true
  }
  if (route.access === 'owner' && !checks.owner.require(req, res)) return true
  await route.handle(req, res, path)
  return true
}
