/**
 * `GET /events`: the contract's events as server-sent events (`event: task.changed` + `data: <json>`).
 * One listener per event on the core's events fans out to every open stream; a comment every
 * `keepAliveMs` keeps proxies and idle timers from closing a quiet stream; a stream is dropped when its
 * client leaves or stops reading (the browser reconnects and refetches). Past `MAX_EVENT_STREAMS` open at
 * once a new one is refused with 429: each holds a socket and a descriptor (one UI needs one per tab).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { EVENT_NAMES, type EventName, type EventPayloads } from '../../../src-preload/contract.ts'
import type { CoreEvents } from '../core-events.ts'
import { BASE_HEADERS, sendJson } from './http-io.ts'

/** A client this far behind is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 1 << 20

/** Streams open at once per server: a few tabs of the UI are far below it, a loop opening streams is not. */
export const MAX_EVENT_STREAMS = 32

export class EventStreams {
  private readonly clients = new Set<ServerResponse>()
  private readonly timer: NodeJS.Timeout
  private readonly unsubscribe: (() => void)[]

  constructor(
    events: CoreEvents,
    keepAliveMs = 15_000,
    private readonly maxStreams = MAX_EVENT_STREAMS,
  ) {
    this.unsubscribe = EVENT_NAMES.map((name) => events.on(name, (payload) => this.broadcast(name, payload)))
    this.timer = setInterval(() => this.write(': keep-alive\n\n'), keepAliveMs)
    this.timer.unref()
  }

  open(req: IncomingMessage, res: ServerResponse): void {
    if (this.clients.size >= this.maxStreams) {
      const message = `too many event streams open (${this.maxStreams}): close a tab of Medallion, or retry later`
      sendJson(res, 429, { error: { code: 'too_many_streams', message } }, { 'Retry-After': '5' })
      return
    }
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
