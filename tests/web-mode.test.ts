/**
 * Web mode over real HTTP: the renderer's files (a tiny stand-in here; the real build is driven in a
 * browser by web-overview.e2e), the contract at POST /rpc/<call>, task events at GET /events, and the
 * guards that keep other web sites out.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningApi, startApi } from '../src-main/core/api/server.ts'
import { LocalLake } from '../src-main/core/lake/local-lake.ts'
import { ServingService } from '../src-main/core/serving/serving-service.ts'
import { CONTENT_SECURITY_POLICY } from '../src-main/security.ts'
import type { TaskInfo } from '../src-preload/contract.ts'
import { MAX_CLIENT_NAMES } from '../src-preload/names-insights.ts'
import { bearer, http, type Json, openStream, postJson } from './helpers/http.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

const INDEX_HTML =
  '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head></html>'

/** Reads server-sent events from a response until `want` accepts one (or the timeout passes). */
function nextEvent(
  res: IncomingMessage,
  want: (event: string, data: Json) => boolean,
  timeoutMs = 60_000,
): Promise<{ event: string; data: Json; raw: string }> {
  return new Promise((resolve, reject) => {
    let buffer = ''
    let raw = ''
    const timer = setTimeout(() => {
      res.off('data', onData)
      reject(new Error(`no matching event within ${timeoutMs} ms; got:\n${raw.slice(0, 2000)}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8')
      raw += chunk.toString('utf8')
      let end = buffer.indexOf('\n\n')
      while (end !== -1) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        end = buffer.indexOf('\n\n')
        const event = /^event: (.*)$/m.exec(block)?.[1]
        const data = /^data: (.*)$/m.exec(block)?.[1]
        if (event === undefined || data === undefined) continue
        const parsed = JSON.parse(data)
        if (want(event, parsed)) {
          clearTimeout(timer)
          res.off('data', onData)
          resolve({ event, data: parsed, raw })
          return
        }
      }
    }
    res.on('data', onData)
  })
}

describe('web mode', () => {
  const dataDir = tempDir('medallion-web-')
  const webRoot = tempDir('medallion-webroot-')
  const core = testCore(dataDir)
  // Built before the server, as app-core does: it hears a pipeline task succeed before any page does.
  const serving = new ServingService({ lake: new LocalLake(join(dataDir, 'lake')), tasks: core.tasks })
  let api: RunningApi
  let origin: string
  /** The owner's calls: the launch token as scripts send it (the cookie flow is in web-token.test). */
  const owner = () => bearer(api.token)
  const ownerPost = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    postJson(api.url, path, body, { ...owner(), ...headers })

  beforeAll(async () => {
    writeFileSync(join(webRoot, 'index.html'), INDEX_HTML)
    mkdirSync(join(webRoot, 'assets'))
    writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log("medallion")\n')
    writeFileSync(join(webRoot, 'assets', 'style.css'), 'body{}\n')
    writeFileSync(join(webRoot, '.env'), 'SECRET=1\n')
    await core.sources.generate({ clients: 40, seed: 3, dirtyShare: 0 }).done
    api = await startApi({
      handlers: core.handlers,
      store: serving.store,
      events: core.events,
      port: 0,
      webRoot,
    })
    origin = api.url
  }, 120_000)

  afterAll(async () => {
    await api?.close()
    await serving.close()
  })

  it('serves index.html at / with the CSP and nosniff', async () => {
    const answer = await http(api.url, '/')
    expect(answer.status).toBe(200)
    expect(answer.text).toBe(INDEX_HTML)
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    expect((await http(api.url, '/index.html')).text).toBe(INDEX_HTML)
  })

  it('serves assets with their content types, and a JSON 404 for a missing file', async () => {
    const js = await http(api.url, '/assets/app.js')
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.text).toContain('medallion')
    expect((await http(api.url, '/assets/style.css?v=1')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    )
    const missing = await http(api.url, '/assets/nope.js')
    expect(missing.status).toBe(404)
    expect(missing.headers['content-type']).toMatch(/^application\/json/)
  })

  it('refuses paths that leave the web root, plain or encoded, and dot-files', async () => {
    for (const path of [
      '/../package.json',
      '/assets/../../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%5cpackage.json',
      '/%00index.html',
      '/.env',
      '/%2eenv',
    ]) {
      const answer = await http(api.url, path)
      expect([400, 403, 404], path).toContain(answer.status)
      expect(answer.text, path).not.toContain('medallion')
      expect(answer.text, path).not.toContain('SECRET')
    }
  })

  it('keeps serving the read API beside the files', async () => {
    const health = await http(api.url, '/health')
    expect(health.status).toBe(200)
    expect(health.json()).toMatchObject({
      store: 'parquet',
      published: false,
      detail: 'parquet (local lake)',
    })
    expect(health.text).not.toContain(dataDir)
  })

  it('POST /rpc/<call> answers the envelope', async () => {
    const answer = await ownerPost('/rpc/tasks.list', {})
    expect(answer.status).toBe(200)
    const body = answer.json() as { result: TaskInfo[] }
    expect(Array.isArray(body.result)).toBe(true)
    expect(body.result.map((t) => t.kind)).toContain('generate')
    // An empty body is no input (the call's defaults apply).
    expect((await ownerPost('/rpc/tasks.list', undefined)).status).toBe(200)
    const status = await ownerPost('/rpc/serving.status', {}, { Origin: origin })
    expect(status.status).toBe(200)
    expect((status.json() as Json).result.store).toBe('parquet')
    // A user-facing failure is a 4xx carrying the envelope, never a 500: saving a file is the window's.
    const save = { fileName: 'chart.csv', mime: 'text/csv', dataBase64: 'YSxiCg==' }
    const refused = await ownerPost('/rpc/files.save', save, { Origin: origin })
    expect({ status: refused.status, code: (refused.json() as Json).error.code }).toEqual({
      status: 400,
      code: 'unavailable',
    })
  })

  it('answers 400 invalid_input for a body the call’s schema refuses', async () => {
    for (const body of [{ limit: 0 }, { limit: 'ten' }, { extra: true }]) {
      const answer = await ownerPost('/rpc/pipeline.runs', body)
      expect(answer.status).toBe(400)
      const envelope = answer.json() as { error: { code: string; message: string } }
      expect(envelope.error.code).toBe('invalid_input')
      expect(envelope.error.message).toContain('pipeline.runs')
    }
    const notJson = await http(api.url, '/rpc/pipeline.runs', {
      method: 'POST',
      headers: { ...owner(), 'Content-Type': 'application/json' },
      body: '{limit:',
    })
    expect(notJson.status).toBe(400)
    expect((notJson.json() as Json).error.code).toBe('invalid_json')
  })

  it('data.clientNames (personal data): owner only, at most MAX_CLIENT_NAMES whole ids', async () => {
    const stranger = await postJson(api.url, '/rpc/data.clientNames', { ids: [1] })
    expect(stranger.status).toBe(401)
    const tooMany = Array.from({ length: MAX_CLIENT_NAMES + 1 }, (_, i) => i)
    for (const body of [{ ids: tooMany }, { ids: [] }, { ids: [1.5] }, { ids: [-1] }, { id: [1] }]) {
      const answer = await ownerPost('/rpc/data.clientNames', body)
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(400)
      const envelope = answer.json() as { error: { code: string; message: string } }
      expect(envelope.error.code).toBe('invalid_input')
      expect(envelope.error.message).toContain('data.clientNames')
    }
    // Nothing published in this folder yet: no names, and no error.
    const answer = await ownerPost('/rpc/data.clientNames', { ids: tooMany.slice(0, MAX_CLIENT_NAMES) })
    expect({ status: answer.status, result: (answer.json() as Json).result }).toEqual({
      status: 200,
      result: null,
    })
  })

  it('answers 400 unknown_call for a call the contract does not have', async () => {
    for (const path of ['/rpc/nope', '/rpc/', '/rpc/tasks.list/x', '/rpc/__proto__']) {
      const answer = await ownerPost(path, {})
      expect(answer.status, path).toBe(400)
      expect((answer.json() as Json).error.code, path).toBe('unknown_call')
    }
  })

  it('refuses a body that is not JSON (415), too large (413), or not POSTed (405)', async () => {
    const form = await http(api.url, '/rpc/tasks.list', {
      method: 'POST',
      headers: { ...owner(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    })
    expect(form.status).toBe(415)
    expect((form.json() as Json).error.code).toBe('unsupported_media_type')
    const plain = await http(api.url, '/rpc/tasks.list', { method: 'POST', headers: owner(), body: '{}' })
    expect(plain.status).toBe(415)
    const big = await ownerPost('/rpc/tasks.cancel', { id: 'x'.repeat(2 << 20) })
    expect(big.status).toBe(413)
    const get = await http(api.url, '/rpc/tasks.list', { headers: owner() })
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
  })

  it('refuses /rpc and /events from another origin or host (CSRF, DNS rebinding), token or not', async () => {
    const foreign = await ownerPost('/rpc/tasks.list', {}, { Origin: 'http://evil.example' })
    expect(foreign.status).toBe(403)
    expect((foreign.json() as Json).error.code).toBe('forbidden')
    const otherPort = await ownerPost('/rpc/tasks.list', {}, { Origin: `http://127.0.0.1:${api.port + 1}` })
    expect(otherPort.status).toBe(403)
    const nullOrigin = await ownerPost('/rpc/tasks.list', {}, { Origin: 'null' })
    expect(nullOrigin.status).toBe(403)
    const crossSite = await ownerPost('/rpc/tasks.list', {}, { 'Sec-Fetch-Site': 'cross-site' })
    expect(crossSite.status).toBe(403)
    const rebound = await ownerPost('/rpc/tasks.list', {}, { Host: `evil.example:${api.port}` })
    expect(rebound.status).toBe(403)
    const events = await http(api.url, '/events', { headers: { ...owner(), Origin: 'http://evil.example' } })
    expect(events.status).toBe(403)
    const page = await http(api.url, '/', { headers: { Host: `evil.example:${api.port}` } })
    expect(page.status).toBe(403)
    // The same origin under its other loopback name is fine.
    const localhost = await ownerPost(
      '/rpc/tasks.list',
      {},
      {
        Host: `localhost:${api.port}`,
        Origin: `http://localhost:${api.port}`,
        'Sec-Fetch-Site': 'same-origin',
      },
    )
    expect(localhost.status).toBe(200)
  })

  it('streams task events over GET /events while a run started through /rpc goes on', async () => {
    const stream = await openStream(api.url, '/events', owner())
    try {
      expect(stream.res.statusCode).toBe(200)
      expect(stream.res.headers['content-type']).toBe('text/event-stream; charset=utf-8')
      const started = ownerPost('/rpc/pipeline.run', { from: 'bronze' }, { Origin: origin })
      const first = nextEvent(
        stream.res,
        (event, data) => event === 'task.changed' && data.kind === 'pipeline',
      )
      const answer = await started
      expect(answer.status).toBe(200)
      const { taskId } = (answer.json() as { result: { taskId: string } }).result
      const changed = await first
      expect(changed.data.id).toBe(taskId)
      expect(changed.raw).toContain(': connected')
      const done = await nextEvent(
        stream.res,
        (event, data) => event === 'task.changed' && data.id === taskId && data.state !== 'running',
      )
      expect(done.data.state).toBe('succeeded')
      // Served at once: the serving service hears the run succeed, the store looks at the lake again.
      const kpis = await http(api.url, '/kpis')
      expect(kpis.status).toBe(200)
      expect((kpis.json() as Json).total_achats).toBeGreaterThan(0)
    } finally {
      stream.close()
    }
  }, 120_000)

  it('also carries task.log lines', async () => {
    const stream = await openStream(api.url, '/events', owner())
    try {
      const log = nextEvent(stream.res, (event) => event === 'task.log')
      await ownerPost('/rpc/sources.generate', { clients: 10, seed: 5 })
      const { data } = await log
      expect(typeof data.id).toBe('string')
      expect(typeof data.line).toBe('string')
    } finally {
      stream.close()
    }
  })
})
