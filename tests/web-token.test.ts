/**
 * The launch token of web mode over real HTTP, as the security review probed it (issue 13): /rpc and
 * /events refuse a request without it even from a same-origin page on loopback; scripts send it as a
 * Bearer; the printed `?token=` URL becomes an HttpOnly cookie named by the port (in headless Chromium
 * too); bound to 0.0.0.0 the read API wants it and the Host must be allowed; HTTPS; the cap on event
 * streams; /health without the lake's path.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import type { Browser } from 'playwright-core'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_EVENT_STREAMS } from '../src-main/core/api/events.ts'
import { withoutPaths } from '../src-main/core/api/routes.ts'
import { type ApiServerOptions, type RunningApi, startApi } from '../src-main/core/api/server.ts'
import { markTokenRefused } from '../src-renderer/api/connection-state.ts'
import { ClientContext } from '../src-renderer/api/hooks.ts'
import { createHttpClient, UNAUTHORIZED_MESSAGE } from '../src-renderer/api/http-client.ts'
import { ConnectionBar } from '../src-renderer/components/errors/ConnectionBar.tsx'
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, launchChromium } from './helpers/browser.ts'
import { bearer, http, type Json, openStream, postJson } from './helpers/http.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

const INDEX_HTML = '<!doctype html><html><head><title>medallion</title></head><body>stand-in</body></html>'

function standInWebRoot(): string {
  const webRoot = tempDir('medallion-token-webroot-')
  writeFileSync(join(webRoot, 'index.html'), INDEX_HTML)
  return webRoot
}

/** The same token with its last character changed: same length, wrong. */
function offByOne(token: string): string {
  return `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
}

function expectUnauthorized(answer: { status: number; headers: Json; text: string }, what: string): void {
  expect(answer.status, what).toBe(401)
  expect(answer.headers['www-authenticate'], what).toMatch(/^Bearer\b/)
  const body = JSON.parse(answer.text)
  expect(body.error.code, what).toBe('unauthorized')
  expect(body.error.message, what).toContain('medallion serve')
}

describe('web mode on loopback: the launch token', () => {
  const dataDir = tempDir('medallion-token-')
  const core = testCore(dataDir)
  const webRoot = standInWebRoot()
  let uploads = 0
  const options: ApiServerOptions = {
    handlers: core.handlers,
    store: () => core.serving.store,
    events: core.events,
    port: 0,
    webRoot,
    // A route that only declares it needs the owner, as the import's upload will.
    webRoutes: [
      {
        matches: (path) => path === '/upload',
        access: 'owner',
        handle: (req, res) => {
          uploads++
          req.resume()
          res.writeHead(204).end()
        },
      },
    ],
  }
  let api: RunningApi
  let other: RunningApi
  let sameOrigin: Record<string, string>
  let browser: Browser

  beforeAll(async () => {
    ;[api, other, browser] = await Promise.all([
      startApi(options),
      startApi(options),
      CHROMIUM_AVAILABLE ? launchChromium() : (undefined as unknown as Browser),
    ])
    sameOrigin = {
      Host: `127.0.0.1:${api.port}`,
      Origin: `http://127.0.0.1:${api.port}`,
      'Sec-Fetch-Site': 'same-origin',
    }
  }, 60_000)

  afterAll(async () => {
    await Promise.all([api?.close(), other?.close(), browser?.close()])
  })

  it('makes a 256-bit base64url token per launch and prints it in the URL to open', () => {
    expect(api.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(api.token, 'base64url')).toHaveLength(32)
    expect(other.token).not.toBe(api.token)
    expect(api.openUrl).toBe(`http://127.0.0.1:${api.port}/?token=${api.token}`)
  })

  it('no token: /rpc, /events and uploads are 401 even with the loopback Host and the same Origin', async () => {
    expectUnauthorized(await postJson(api.url, '/rpc/tasks.list', {}, sameOrigin), 'rpc')
    expectUnauthorized(await postJson(api.url, '/rpc/data.client', { id: 1 }, sameOrigin), 'client detail')
    expectUnauthorized(await postJson(api.url, '/rpc/stack.reset', { scope: 'data', confirm: true }), 'reset')
    expectUnauthorized(await http(api.url, '/events', { headers: sameOrigin }), 'events')
    const upload = { method: 'POST', headers: { ...sameOrigin, 'Content-Type': 'text/csv' }, body: 'id\n1\n' }
    expectUnauthorized(await http(api.url, '/upload', upload), 'upload')
    expect(uploads).toBe(0)
  })

  it('a route that declares it needs the owner gets the same checks: other origin 403, token 401, owner passes', async () => {
    const post = (headers: Record<string, string>) =>
      http(api.url, '/upload', {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv', ...headers },
        body: 'x',
      })
    expect((await post({ ...bearer(api.token), Origin: 'http://evil.example' })).status).toBe(403)
    expectUnauthorized(await post(bearer(offByOne(api.token))), 'wrong token')
    expect(uploads).toBe(0)
    expect((await post(bearer(api.token))).status).toBe(204)
    expect(uploads).toBe(1)
  })

  it('scripts: Authorization: Bearer <token> works; a wrong token, another scheme or a wrong cookie is 401', async () => {
    const ok = await postJson(api.url, '/rpc/tasks.list', {}, bearer(api.token))
    expect(ok.status).toBe(200)
    expect(Array.isArray((ok.json() as Json).result)).toBe(true)
    const stream = await openStream(api.url, '/events', bearer(api.token))
    expect(stream.res.statusCode).toBe(200)
    stream.close()
    for (const [what, headers] of [
      ['off by one', bearer(offByOne(api.token))],
      ['the other server’s', bearer(other.token)],
      ['basic', { Authorization: `Basic ${Buffer.from(`u:${api.token}`).toString('base64')}` }],
      ['empty bearer', { Authorization: 'Bearer ' }],
      ['wrong cookie', { Cookie: `medallion_token_${api.port}=${offByOne(api.token)}` }],
      ['other port’s cookie', { Cookie: `medallion_token_${other.port}=${api.token}` }],
    ] as const) {
      expectUnauthorized(await postJson(api.url, '/rpc/tasks.list', {}, { ...headers }), what)
    }
  })

  it('keeps the read API, /openapi.json and the UI’s files open on loopback', async () => {
    for (const path of ['/health', '/openapi.json', '/', '/index.html']) {
      expect((await http(api.url, path)).status, path).toBe(200)
    }
    for (const path of ['/kpis', '/scores']) expect((await http(api.url, path)).status, path).toBe(503)
  })

  it('the printed URL: ?token= becomes an HttpOnly, SameSite=Strict cookie named by the port, then a redirect without it', async () => {
    const answer = await http(api.url, `/?token=${api.token}&page=1`)
    expect(answer.status).toBe(303)
    expect(answer.headers.location).toBe('/?page=1')
    const cookie = answer.headers['set-cookie']?.[0] ?? ''
    expect(cookie.split('; ').sort()).toEqual(
      [`medallion_token_${api.port}=${api.token}`, 'HttpOnly', 'Path=/', 'SameSite=Strict'].sort(),
    )
    // The cookie is the owner's key: /rpc answers with it.
    const withCookie = await postJson(
      api.url,
      '/rpc/tasks.list',
      {},
      { Cookie: cookie.split(';')[0] as string },
    )
    expect(withCookie.status).toBe(200)
    // The token leaves the URL whatever the path; a path of two slashes cannot redirect to another host.
    expect((await http(api.url, `/assets/x.js?token=${api.token}`)).headers.location).toBe('/assets/x.js')
    expect((await http(api.url, `//evil.example?token=${api.token}`)).headers.location).toBe('/evil.example')
    // A wrong token sets nothing.
    const wrong = await http(api.url, `/?token=${offByOne(api.token)}`)
    expectUnauthorized(wrong, 'wrong URL token')
    expect(wrong.headers['set-cookie']).toBeUndefined()
  })

  it('two servers on two ports: two cookie names, each accepts only its own', async () => {
    const first = (await http(api.url, `/?token=${api.token}`)).headers['set-cookie']?.[0] ?? ''
    const second = (await http(other.url, `/?token=${other.token}`)).headers['set-cookie']?.[0] ?? ''
    const name = (c: string) => c.slice(0, c.indexOf('='))
    expect(name(first)).toBe(`medallion_token_${api.port}`)
    expect(name(second)).toBe(`medallion_token_${other.port}`)
    expect(name(first)).not.toBe(name(second))
    // A browser sends both (cookies ignore ports): each server reads its own.
    const both = `${first.split(';')[0]}; ${second.split(';')[0]}`
    expect((await postJson(api.url, '/rpc/tasks.list', {}, { Cookie: both })).status).toBe(200)
    expect((await postJson(other.url, '/rpc/tasks.list', {}, { Cookie: both })).status).toBe(200)
    expectUnauthorized(
      await postJson(other.url, '/rpc/tasks.list', {}, { Cookie: first.split(';')[0] as string }),
      'first server’s cookie on the second',
    )
  })

  it(`refuses the event stream past ${MAX_EVENT_STREAMS} open at once with a 429, and opens again once one closes`, async () => {
    const streams = []
    try {
      for (let i = 0; i < MAX_EVENT_STREAMS; i++)
        streams.push(await openStream(api.url, '/events', bearer(api.token)))
      expect(streams.map((s) => s.res.statusCode)).toEqual(streams.map(() => 200))
      const refused = await http(api.url, '/events', { headers: bearer(api.token) })
      expect(refused.status).toBe(429)
      expect((refused.json() as Json).error.code).toBe('too_many_streams')
      streams.pop()?.close()
      // The server hears the close a moment later.
      let reopened = 0
      for (let i = 0; i < 50 && reopened !== 200; i++) {
        await new Promise((r) => setTimeout(r, 20))
        const next = await openStream(api.url, '/events', bearer(api.token))
        reopened = next.res.statusCode ?? 0
        if (reopened === 200) streams.push(next)
        else next.close()
      }
      expect(reopened).toBe(200)
    } finally {
      for (const stream of streams) stream.close()
    }
  })

  it('/health says which store serves, never the lake’s folder', async () => {
    const health = await http(api.url, '/health')
    expect(health.json()).toMatchObject({ status: 'ok', store: 'parquet', detail: 'parquet (local lake)' })
    expect(health.text).not.toContain(dataDir)
    // The window's serving.status keeps the folder: it is the owner's, through IPC (and /rpc with the token).
    const status = await postJson(api.url, '/rpc/serving.status', {}, bearer(api.token))
    expect((status.json() as Json).result.detail).toContain(dataDir)
    expect(withoutPaths(`cannot read the lake at ${dataDir}/lake: EACCES, open '${dataDir}/lake/x'`)).toBe(
      "cannot read the lake at <path>: EACCES, open '<path>'",
    )
    expect(withoutPaths('MongoDB at mongodb://127.0.0.1:27017 database gold refused')).toBe(
      'MongoDB at mongodb://127.0.0.1:27017 database gold refused',
    )
  })

  it('the renderer’s HTTP client, refused for want of the token: says which URL to open, and the banner shows it', async () => {
    let refusals = 0
    const client = createHttpClient({ baseUrl: api.url, onUnauthorized: () => refusals++ })
    const err = (await client.invoke('tasks.list', {}).catch((e: unknown) => e)) as Error & { code?: string }
    expect(err.code).toBe('unauthorized')
    expect(err.message).toBe(`tasks.list: ${UNAUTHORIZED_MESSAGE}`)
    expect(err.message).toMatch(/open the URL with \?token=… that `medallion serve` printed/)
    expect(refusals).toBe(1)
    // The one connection bar, as App mounts it (its reconnect needs the client and the query client).
    const bar = () =>
      renderToStaticMarkup(
        createElement(
          ClientContext.Provider,
          { value: client },
          createElement(QueryClientProvider, { client: new QueryClient() }, createElement(ConnectionBar)),
        ),
      )
    expect(bar()).toBe('')
    markTokenRefused()
    const banner = bar()
    expect(banner).toContain('data-testid="sign-in-banner"')
    expect(banner).toContain('<code>medallion serve</code> printed')
  })

  describe.skipIf(!CHROMIUM_AVAILABLE)('in headless Chromium', () => {
    if (!CHROMIUM_AVAILABLE) console.warn(`web-token: browser cases skipped, ${CHROMIUM_SKIP_REASON}`)

    const callFromPage = (path: string) =>
      fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then(
        (r) => r.status,
      )

    it('the printed URL signs the page in: the token leaves the address bar, the cookie is HttpOnly, /rpc answers', async () => {
      const context = await browser.newContext()
      try {
        const page = await context.newPage()
        await page.goto(`${api.openUrl}#/pipeline`)
        expect(page.url()).toBe(`${api.url}/#/pipeline`)
        expect(await page.textContent('body')).toBe('stand-in')
        expect(await page.evaluate(() => document.cookie)).toBe('')
        expect(await page.evaluate(callFromPage, '/rpc/tasks.list')).toBe(200)
        const cookies = await context.cookies(api.url)
        expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([
          [`medallion_token_${api.port}`, true, 'Strict'],
        ])
        // The history holds the URL without the token.
        expect(await page.evaluate(() => history.length)).toBe(2)
        expect(await page.evaluate(() => location.search)).toBe('')
      } finally {
        await context.close()
      }
    })

    it('a page opened without the token loads, and its calls are 401', async () => {
      const context = await browser.newContext()
      try {
        const page = await context.newPage()
        await page.goto(`${api.url}/`)
        expect(await page.textContent('body')).toBe('stand-in')
        expect(await page.evaluate(callFromPage, '/rpc/tasks.list')).toBe(401)
      } finally {
        await context.close()
      }
    })

    it('two servers in one browser keep two cookies, and each page stays signed in', async () => {
      const context = await browser.newContext()
      try {
        const first = await context.newPage()
        await first.goto(api.openUrl)
        const second = await context.newPage()
        await second.goto(other.openUrl)
        const names = (await context.cookies()).map((c) => c.name).sort()
        expect(names).toEqual([`medallion_token_${api.port}`, `medallion_token_${other.port}`].sort())
        expect(await first.evaluate(callFromPage, '/rpc/tasks.list')).toBe(200)
        expect(await second.evaluate(callFromPage, '/rpc/tasks.list')).toBe(200)
      } finally {
        await context.close()
      }
    })
  })
})

describe('bound beyond loopback (0.0.0.0), probed on 127.0.0.1', () => {
  const core = testCore(tempDir('medallion-token-lan-'))
  const webRoot = standInWebRoot()
  const options: ApiServerOptions = {
    handlers: core.handlers,
    store: () => core.serving.store,
    events: core.events,
    host: '0.0.0.0',
    port: 0,
    webRoot,
  }
  let api: RunningApi
  let named: RunningApi
  const as = (server: RunningApi, host: string, headers: Record<string, string> = {}) => ({
    headers: { Host: `${host}:${server.port}`, ...headers },
  })

  beforeAll(async () => {
    ;[api, named] = await Promise.all([
      startApi(options),
      startApi({ ...options, allowedHosts: ['box.test'] }),
    ])
  })

  afterAll(async () => {
    await Promise.all([api?.close(), named?.close()])
  })

  it('the read API wants the token; the UI’s files stay open', async () => {
    const probe = `http://127.0.0.1:${api.port}`
    for (const path of ['/health', '/kpis', '/scores', '/openapi.json']) {
      expectUnauthorized(await http(probe, path), path)
      expect((await http(probe, path, { headers: bearer(api.token) })).status, path).not.toBe(401)
    }
    expect((await http(probe, '/health', { headers: bearer(api.token) })).status).toBe(200)
    expect((await http(probe, '/')).status).toBe(200)
    expectUnauthorized(await postJson(probe, '/rpc/tasks.list', {}), 'rpc')
  })

  it('refuses a Host outside the allow-list, token or not; the machine’s name and addresses pass', async () => {
    const probe = `http://127.0.0.1:${api.port}`
    const rebound = await http(probe, '/health', as(api, 'evil.example', bearer(api.token)))
    expect(rebound.status).toBe(403)
    expect(rebound.text).toContain('evil.example')
    expect((await http(probe, '/', as(api, 'evil.example'))).status).toBe(403)
    for (const host of [hostname(), '127.0.0.1', 'localhost', ...api.allowedHosts.slice(3)]) {
      const name = host.includes(':') ? `[${host}]` : host
      expect((await http(probe, '/health', as(api, name, bearer(api.token)))).status, host).toBe(200)
    }
    expect(api.allowedHosts).toContain(hostname().toLowerCase())
  })

  it('--allowed-hosts replaces the default list, and the printed URL uses an allowed name', async () => {
    const probe = `http://127.0.0.1:${named.port}`
    expect(named.url).toBe(`http://box.test:${named.port}`)
    expect((await http(probe, '/health', as(named, 'box.test', bearer(named.token)))).status).toBe(200)
    expect((await http(probe, '/health', as(named, '127.0.0.1', bearer(named.token)))).status).toBe(403)
    const rpc = await postJson(
      probe,
      '/rpc/tasks.list',
      {},
      { Host: `box.test:${named.port}`, ...bearer(named.token) },
    )
    expect(rpc.status).toBe(200)
  })
})

describe('HTTPS with --tls-cert/--tls-key', () => {
  const dir = tempDir('medallion-token-tls-')
  const core = testCore(join(dir, 'data'))
  const certFile = join(dir, 'cert.pem')
  const keyFile = join(dir, 'key.pem')
  let api: RunningApi

  beforeAll(async () => {
    mkdirSync(join(dir, 'data'))
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    )
    api = await startApi({
      handlers: core.handlers,
      store: () => core.serving.store,
      events: core.events,
      port: 0,
      webRoot: standInWebRoot(),
      tls: { cert: readFileSync(certFile), key: readFileSync(keyFile) },
    })
  }, 60_000)

  afterAll(async () => {
    await api?.close()
  })

  it('serves HTTPS, prints an https URL, and its cookie is Secure', async () => {
    const ca = readFileSync(certFile)
    expect(api.url).toBe(`https://127.0.0.1:${api.port}`)
    expect(api.openUrl.startsWith(`https://127.0.0.1:${api.port}/?token=`)).toBe(true)
    expect((await http(api.url, '/health', { ca })).status).toBe(200)
    const exchanged = await http(api.url, `/?token=${api.token}`, { ca })
    expect(exchanged.status).toBe(303)
    expect(exchanged.headers['set-cookie']?.[0]).toMatch(/; Secure(;|$)/)
    const rpc = await http(api.url, '/rpc/tasks.list', {
      ca,
      method: 'POST',
      headers: { ...bearer(api.token), 'Content-Type': 'application/json', Origin: api.url },
      body: '{}',
    })
    expect(rpc.status).toBe(200)
    // Plain HTTP on the same port gets no answer from the API.
    const plain = await http(`http://127.0.0.1:${api.port}`, '/health').then(
      (a) => a.status,
      (err: NodeJS.ErrnoException) => err.code,
    )
    expect(plain).not.toBe(200)
    // A certificate that is not trusted is refused by the client: the connection really is TLS.
    const untrusted = await http(api.url, '/health').then(
      () => 'answered',
      (err: NodeJS.ErrnoException) => err.code,
    )
    expect(untrusted).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
  })

  it('refuses a key that is not PEM with a clear error', async () => {
    const error = await startApi({
      handlers: core.handlers,
      store: () => core.serving.store,
      events: core.events,
      port: 0,
      tls: { cert: readFileSync(certFile), key: 'not a key' },
    }).then(
      () => undefined,
      (err: Error & { code?: string }) => err,
    )
    expect(error?.code).toBe('bad_tls')
    expect(error?.message).toContain('PEM')
  })
})
