/**
 * `GET /events`: the contract's events as server-sent events (`event: task.changed` + `data: <json>`).
 * One listener per event on the core's events fans out to every open stream; a comment every
 * `keepAliveMs` keeps proxies and idle timers from closing a quiet stream; a stream is dropped when its
 * client leaves or stops reading (the browser reconnects and refetches).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { EVENT_NAMES, type EventName, type EventPayloads } from '../../../src-preload/contract.ts'
import type { CoreEvents } from '../core-events.ts'
import { BASE_HEADERS } from './http-io.ts'

/** A client this far behind is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 1 << 20

export class EventStreams {
  private readonly clients = new Set<ServerResponse>()
  private readonly timer: NodeJS.Timeout
  private readonly unsubscribe: (() => void)[]

  constructor(events: CoreEvents, keepAliveMs = 15_000) {
    this.unsubscribe = EVENT_NAMES.map((name) => events.on(name, (payload) => this.broadcast(name, payload)))
    this.timer = setInterval(() => this.write(': keep-alive\n\n'), keepAliveMs)
    this.timer.unref()
  }

  open(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    })
    // The first bytes tell the client the stream is open; `retry` paces its reconnects.
    res.write(': connected\nretry: 3000\n\n')
    this.clients.add(res)
    const drop = () => this.clients.delete(res)
    req.on('close', drop)
    res.on('close', drop)
  }

  get size(): number {
    return this.clients.size
  }

  /** Ends every stream and stops listening to the core's events. */
  close(): void {
    clearInterval(this.timer)
    for (const stop of this.unsubscribe) stop()
    for (const res of this.clients) res.end()
    this.clients.clear()
  }

  private broadcast<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    if (this.clients.size === 0) return
    this.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
  }

  private write(chunk: string): void {
    for (const res of this.clients) {
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        this.clients.delete(res)
        res.destroy()
        continue
      }
      res.write(chunk)
    }
  }
}
