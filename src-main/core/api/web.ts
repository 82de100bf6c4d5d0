/**
 * Web mode: what `medallion serve` adds to the read API so the same UI runs in a browser — the built
 * renderer's files, the contract at `POST /rpc/<call>` and its events at `GET /events`. The two that act
 * or stream are refused to anything but a same-origin page on this server's loopback address.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CoreEvents } from '../core-events.ts'
import type { Handlers } from '../rpc.ts'
import { EventStreams } from './events.ts'
import { sendJson } from './http-io.ts'
import type { RequestGuard } from './request-guard.ts'
import { handleRpc } from './rpc-http.ts'
import { StaticFiles } from './static-files.ts'

export interface WebModeOptions {
  webRoot: string
  handlers: Handlers
  events: CoreEvents
  keepAliveMs?: number
}

export class WebMode {
  private readonly files: StaticFiles
  private readonly events: EventStreams

  constructor(private readonly options: WebModeOptions) {
    this.files = new StaticFiles(options.webRoot)
    this.events = new EventStreams(options.events, options.keepAliveMs)
  }

  /** Answers /rpc/* and /events; false for any other path. */
  async handleContract(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    guard: RequestGuard,
  ): Promise<boolean> {
    if (path === '/events') {
      const problem = guard.originProblem(req)
      if (problem) sendJson(res, 403, { error: problem })
      else if (req.method !== 'GET') sendJson(res, 405, { error: 'GET /events only' }, { Allow: 'GET' })
      else this.events.open(req, res)
      return true
    }
    if (path === '/rpc' || path.startsWith('/rpc/')) {
      const problem = guard.originProblem(req)
      if (problem) {
        req.resume()
        sendJson(res, 403, { error: { code: 'forbidden', message: problem } })
      } else {
        await handleRpc(this.options.handlers, path.slice('/rpc/'.length), req, res)
      }
      return true
    }
    return false
  }

  serveFile(path: string, method: string, res: ServerResponse): Promise<void> {
    return this.files.serve(path, method, res)
  }

  close(): void {
    this.events.close()
  }
}
