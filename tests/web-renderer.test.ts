/**
 * The renderer's web-mode parts without a browser: the HTTP client against a stand-in fetch and
 * EventSource (the request it sends, the envelope it unwraps, the coded errors it rebuilds, the one shared
 * event stream), the hash navigation, and the Overview rendered from cached data.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import type { ServedKpis, StoreHealth, TaskInfo } from '../src-preload/contract.ts'
import { pageFromHash } from '../src-renderer/App.tsx'
import type { MedallionClient } from '../src-renderer/api/client.ts'
import { ClientContext, queryKeys } from '../src-renderer/api/hooks.ts'
import { createHttpClient } from '../src-renderer/api/http-client.ts'
import { monthPoints } from '../src-renderer/components/MonthlyRevenueChart.tsx'
import { OverviewPage } from '../src-renderer/pages/OverviewPage.tsx'
import { formatKpi, formatMonth } from '../src-renderer/pages/overview-format.ts'

type Handler = (message: { data: string }) => void

/** Records what the client does with its EventSource, and lets the test emit events. */
class FakeEventSource {
  static opened: FakeEventSource[] = []
  readyState = 1
  closed = false
  readonly handlers = new Map<string, Handler[]>()
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this)
  }
  addEventListener(name: string, handler: Handler) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler])
  }
  close() {
    this.closed = true
    this.readyState = 2
  }
  emit(name: string, data: string) {
    for (const handler of this.handlers.get(name) ?? []) handler({ data })
  }
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

function clientWith(fetchImpl: typeof fetch) {
  FakeEventSource.opened = []
  return createHttpClient({
    fetch: fetchImpl,
    openEvents: (url) => new FakeEventSource(url) as unknown as EventSource,
    reopenDelayMs: 10,
  })
}

const task = { id: 't1', state: 'succeeded' } as TaskInfo

describe('HTTP client: calls', () => {
  it('POSTs the input as JSON to /rpc/<call> and returns the result', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { result: { taskId: 'abc' } }))
    const client = clientWith(fetchMock as unknown as typeof fetch)
    await expect(client.invoke('pipeline.run', { from: 'silver' })).resolves.toEqual({ taskId: 'abc' })
    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/rpc/pipeline.run')
    expect(init.method).toBe('POST')
    expect(new Headers(init.headers).get('content-type')).toBe('application/json')
    expect(JSON.parse(String(init.body))).toEqual({ from: 'silver' })
  })

  it('sends {} when there is no input, and passes a null result through', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { result: null }))
    const client = clientWith(fetchMock as unknown as typeof fetch)
    await expect(client.invoke('data.kpis')).resolves.toBeNull()
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(init.body).toBe('{}')
  })

  it('rebuilds an Error with the code from an error envelope', async () => {
    const client = clientWith((async () =>
      jsonResponse(400, {
        error: { code: 'invalid_input', message: 'pipeline.run: from: Invalid option' },
      })) as unknown as typeof fetch)
    const err = await client.invoke('pipeline.run', {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Error)
    expect(err).toMatchObject({ code: 'invalid_input', message: 'pipeline.run: from: Invalid option' })
  })

  it('says so when the server does not answer or answers something else', async () => {
    const down = clientWith((async () => {
      throw new TypeError('Failed to fetch')
    }) as unknown as typeof fetch)
    await expect(down.invoke('tasks.list', {})).rejects.toMatchObject({
      code: 'unreachable',
      message: expect.stringMatching(/tasks\.list: .*Failed to fetch.*medallion serve/),
    })
    const html = clientWith(
      (async () => new Response('<h1>Bad gateway</h1>', { status: 502 })) as unknown as typeof fetch,
    )
    await expect(html.invoke('tasks.list', {})).rejects.toMatchObject({
      code: 'bad_envelope',
      message: expect.stringContaining('HTTP 502'),
    })
    // A result is not trusted from a failed response.
    const odd = clientWith((async () => jsonResponse(500, { result: 1 })) as unknown as typeof fetch)
    await expect(odd.invoke('tasks.list', {})).rejects.toMatchObject({ code: 'bad_envelope' })
  })

  it('refuses a name that is not shaped like a call without sending it', async () => {
    const fetchMock = vi.fn()
    const client = clientWith(fetchMock as unknown as typeof fetch)
    const invoke = client.invoke as (name: string, input?: unknown) => Promise<unknown>
    await expect(invoke('../health')).rejects.toMatchObject({ code: 'unknown_call' })
    expect(fetchMock).not.toHaveBeenCalled()
  })
})

describe('HTTP client: events', () => {
  const client = () =>
    clientWith((async () => jsonResponse(200, { result: null })) as unknown as typeof fetch)

  it('shares one EventSource, delivers parsed payloads per event, and closes with the last listener', () => {
    const c = client()
    expect(FakeEventSource.opened).toHaveLength(0)
    const changed: unknown[] = []
    const logs: unknown[] = []
    const offA = c.subscribe('task.changed', (t) => changed.push(t.id))
    const offB = c.subscribe('task.changed', (t) => changed.push(`again ${t.id}`))
    const offLog = c.subscribe('task.log', (l) => logs.push(l.line))
    expect(FakeEventSource.opened).toHaveLength(1)
    const source = FakeEventSource.opened[0] as FakeEventSource
    expect(source.url).toBe('/events')
    // One DOM listener per event name, however many subscribers.
    expect(source.handlers.get('task.changed')).toHaveLength(1)
    source.emit('task.changed', JSON.stringify(task))
    source.emit('task.log', JSON.stringify({ id: 't1', line: 'hello' }))
    expect(changed).toEqual(['t1', 'again t1'])
    expect(logs).toEqual(['hello'])
    offA()
    offA()
    offLog()
    expect(source.closed).toBe(false)
    // Resubscribing to an event whose listeners all went must not deliver twice.
    const offLog2 = c.subscribe('task.log', (l) => logs.push(l.line))
    source.emit('task.log', JSON.stringify({ id: 't1', line: 'again' }))
    expect(logs).toEqual(['hello', 'again'])
    offLog2()
    offB()
    expect(source.closed).toBe(true)
    // A new subscription opens a new stream.
    const offC = c.subscribe('task.changed', () => {})
    expect(FakeEventSource.opened).toHaveLength(2)
    offC()
  })

  it('survives a bad payload and a throwing listener', () => {
    const c = client()
    const seen: string[] = []
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      c.subscribe('task.changed', () => {
        throw new Error('boom')
      })
      c.subscribe('task.changed', (t) => seen.push(t.id))
      const source = FakeEventSource.opened[0] as FakeEventSource
      source.emit('task.changed', 'not json')
      source.emit('task.changed', JSON.stringify(task))
      expect(seen).toEqual(['t1'])
      expect(warn).toHaveBeenCalledTimes(1)
      expect(error).toHaveBeenCalledTimes(1)
    } finally {
      warn.mockRestore()
      error.mockRestore()
    }
  })

  it('reopens a stream the browser closed for good, with its listeners', async () => {
    const c = client()
    const seen: string[] = []
    const off = c.subscribe('task.changed', (t) => seen.push(t.id))
    const first = FakeEventSource.opened[0] as FakeEventSource
    first.readyState = 2
    first.emit('error', '')
    await vi.waitFor(() => expect(FakeEventSource.opened).toHaveLength(2))
    const second = FakeEventSource.opened[1] as FakeEventSource
    expect(first.closed).toBe(true)
    second.emit('task.changed', JSON.stringify(task))
    expect(seen).toEqual(['t1'])
    off()
    expect(second.closed).toBe(true)
  })
})

describe('navigation', () => {
  it('opens the Overview first and the Pipeline page from its hash', () => {
    expect(pageFromHash('')).toBe('overview')
    expect(pageFromHash('#/pipeline')).toBe('pipeline')
    expect(pageFromHash('#pipeline')).toBe('pipeline')
    expect(pageFromHash('#/nope')).toBe('overview')
  })
})

describe('Overview page', () => {
  const kpis: ServedKpis = {
    total_ca: 6_008_544.91,
    total_achats: 23_663,
    total_clients: 1500,
    panier_moyen: 253.9215,
    expected_total: 4_759_118.34,
    dataset_size: 23_663,
  }
  const parquet: StoreHealth = { store: 'parquet', ok: true, detail: '/data/lake', runId: 'run-1' }

  function render(cached: { health?: StoreHealth; kpis?: ServedKpis | null }): string {
    const queryClient = new QueryClient()
    if (cached.health) queryClient.setQueryData(queryKeys.storeStatus, cached.health)
    if (cached.kpis !== undefined) queryClient.setQueryData(queryKeys.kpis, cached.kpis)
    const client: MedallionClient = { invoke: () => new Promise(() => {}), subscribe: () => () => {} }
    return renderToStaticMarkup(
      createElement(
        ClientContext.Provider,
        { value: client },
        createElement(QueryClientProvider, { client: queryClient }, createElement(OverviewPage)),
      ),
    )
  }

  it('shows a card per KPI with its raw value and its formatted text', () => {
    const html = render({ health: parquet, kpis })
    for (const key of [
      'total_ca',
      'total_achats',
      'total_clients',
      'panier_moyen',
      'expected_total',
    ] as const) {
      expect(html).toContain(`data-testid="kpi-${key}" data-value="${kpis[key]}"`)
    }
    expect(html).toContain(formatKpi('money', kpis.total_ca))
    expect(html).toContain(formatKpi('count', kpis.total_achats))
    expect(html).toContain('data-store="parquet" data-ok="true"')
    expect(html).not.toContain('serving-banner')
  })

  it('formats money as whole euros and counts as integers', () => {
    const euros = formatKpi('money', 6_008_544.91)
    expect(euros).toMatch(/€/)
    expect(euros.replace(/\D/g, '')).toBe('6008545')
    expect(formatKpi('count', 23_663).replace(/\D/g, '')).toBe('23663')
    expect(formatKpi('money', null)).toBe('—')
    expect(formatMonth('2024-03')).toMatch(/2024/)
    expect(formatMonth('week 3')).toBe('week 3')
    expect(
      monthPoints([
        { mois: '2024-01', ca: 1 },
        { mois: null, ca: 2 },
        { mois: '2024-02', ca: 'x' },
      ]),
    ).toEqual([{ mois: '2024-01', ca: 1 }])
  })

  it('says nothing is published, and how to run the pipeline, when there are no KPIs', () => {
    const html = render({ health: { ...parquet, runId: undefined }, kpis: null })
    expect(html).toContain('data-problem="unpublished"')
    expect(html).toContain('Nothing is published yet')
    expect(html).toContain('medallion run')
    expect(html).not.toContain('data-testid="kpi-')
  })

  it('tells a MongoDB user how to publish, or how to switch to the embedded store', () => {
    const mongo: StoreHealth = { store: 'mongo', ok: true, detail: 'mongodb://127.0.0.1:27017/medallion' }
    expect(render({ health: mongo, kpis: null })).toContain('medallion publish')
    const down = render({ health: { ...mongo, ok: false, detail: 'connect ECONNREFUSED 127.0.0.1:27017' } })
    expect(down).toContain('data-problem="unreachable"')
    expect(down).toContain('MongoDB is not reachable')
    expect(down).toContain('ECONNREFUSED')
    expect(down).toContain('MONGO_URL')
  })
})
