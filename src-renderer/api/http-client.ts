/**
 * The client over HTTP, for web mode (`medallion serve` serves this page): calls are `POST /rpc/<call>`
 * with the input as JSON, answered by the same envelope IPC carries (`{result}` or `{error:{code,message}}`,
 * with a 4xx/5xx status); events arrive over ONE shared `EventSource('/events')`, opened with the first
 * subscription and closed when the last one goes. Same origin only: the page's CSP (connect-src 'self')
 * allows nothing else. The launch token travels as the cookie the printed `?token=` URL set; a 401 means
 * the page was opened without it.
 */
import type { CallName, EventName, EventPayloads } from '../../src-preload/contract.ts'
import { clientError, type MedallionClient } from './client.ts'

export interface HttpClientOptions {
  /** Prefix of `/rpc` and `/events`; '' (the default) is the origin that served the page. */
  baseUrl?: string
  fetch?: typeof fetch
  /** Opens the event stream; injectable so the client can be tested without a browser. */
  openEvents?: (url: string) => EventSource
  /** Wait before reopening a stream the browser gave up on (it retries dropped connections itself). */
  reopenDelayMs?: number
  /** Called on a 401: the page was opened without this launch's token. */
  onUnauthorized?: () => void
  /** Called when a call cannot reach the server or the event stream drops (the connection bar). */
  onUnreachable?: () => void
  /** Called on any other answer, and when the event stream opens. */
  onReachable?: () => void
}

export const UNAUTHORIZED_MESSAGE =
  'this page is not signed in to the Medallion server: open the URL with ?token=… that `medallion serve` printed'

// The contract's names look like `data.kpis`; anything else would only reach the server's 404, or worse
// a different path. (The authoritative list is checked by the server.)
const CALL_NAME = /^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/

/** EventSource.CLOSED, spelled out so the module also loads where EventSource does not exist. */
const CLOSED = 2

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

function fromEnvelope(name: string, status: number, body: unknown): unknown {
  if (typeof body === 'object' && body !== null) {
    if ('error' in body && typeof body.error === 'object' && body.error !== null) {
      const { code, message } = body.error as { code?: unknown; message?: unknown }
      throw clientError(
        typeof code === 'string' ? code : `http_${status}`,
        typeof message === 'string' ? message : `${name} failed (HTTP ${status})`,
      )
    }
    if (status >= 200 && status < 300 && 'result' in body) return body.result
  }
  throw clientError(
    'bad_envelope',
    `${name}: the server answered HTTP ${status} with something that is not a result envelope`,
  )
}

export function createHttpClient(options: HttpClientOptions = {}): MedallionClient {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '')
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init))
  const openEvents = options.openEvents ?? ((url: string) => new EventSource(url))
  const reopenDelayMs = options.reopenDelayMs ?? 5_000

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  let source: EventSource | null = null
  /** Events the open stream has a DOM listener for (kept until it closes, so none is added twice). */
  let attached = new Set<EventName>()
  let reopenTimer: ReturnType<typeof setTimeout> | null = null

  const deliver = (event: EventName, message: MessageEvent): void => {
    let payload: unknown
    try {
      payload = JSON.parse(String(message.data))
    } catch {
      console.warn(`medallion: a ${event} event did not carry JSON`)
      return
    }
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload)
      } catch (err) {
        // One failing listener must not starve the others.
        console.error(`medallion: a ${event} listener threw`, err)
      }
    }
  }

  /** Listens for `event` on the open stream (SSE named events never reach `onmessage`). */
  const attach = (event: EventName): void => {
    if (!source || attached.has(event)) return
    attached.add(event)
    source.addEventListener(event, (message) => deliver(event, message as MessageEvent))
  }

  const close = (): void => {
    if (reopenTimer) clearTimeout(reopenTimer)
    reopenTimer = null
    source?.close()
    source = null
    attached = new Set()
  }

  const open = (): void => {
    const opened = openEvents(`${base}/events`)
    source = opened
    attached = new Set()
    for (const event of listeners.keys()) attach(event)
    opened.addEventListener('open', () => options.onReachable?.())
    opened.addEventListener('error', () => {
      if (source === opened) options.onUnreachable?.()
      // A dropped connection is retried by the browser (readyState CONNECTING). A refused one (an HTTP
      // error, a server being restarted) closes the stream for good: reopen it later ourselves.
      if (opened.readyState !== CLOSED || source !== opened || reopenTimer) return
      reopenTimer = setTimeout(() => {
        reopenTimer = null
        if (source !== opened) return
        opened.close()
        if (listeners.size > 0) open()
      }, reopenDelayMs)
    })
  }

  return {
    async invoke(name, input) {
      if (typeof name !== 'string' || !CALL_NAME.test(name)) {
        throw clientError('unknown_call', `unknown call ${JSON.stringify(String(name)).slice(0, 80)}`)
      }
      let response: Response
      try {
        response = await doFetch(`${base}/rpc/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(input ?? {}),
          cache: 'no-store',
        })
      } catch (err) {
        options.onUnreachable?.()
        throw clientError(
          'unreachable',
          `${name}: the Medallion server did not answer (${describe(err)}). Is \`medallion serve\` still running?`,
        )
      }
      if (response.status === 401) {
        options.onUnauthorized?.()
        throw clientError('unauthorized', `${name}: ${UNAUTHORIZED_MESSAGE}`)
      }
      options.onReachable?.()
      let body: unknown
      try {
        body = await response.json()
      } catch {
        body = undefined
      }
      return fromEnvelope(name as CallName, response.status, body) as never
    },

    subscribe<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      if (typeof listener !== 'function') throw clientError('invalid_input', 'subscribe needs a function')
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
      }
      // Wrapped so the same function subscribed twice gets two independent subscriptions.
      const entry = (payload: unknown) => listener(payload as EventPayloads[E])
      set.add(entry)
      if (source) attach(event)
      else open()
      let active = true
      return () => {
        if (!active) return
        active = false
        set.delete(entry)
        if (set.size === 0) listeners.delete(event)
        if (listeners.size === 0) close()
      }
    },
  }
}
