/**
 * Web mode's one compression layer over real HTTP: the UI's files and the API's JSON come brotli- or
 * gzip-compressed when the request accepts it, plain when it does not; the event stream and tiny answers
 * stay plain.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { negotiateEncoding } from '../src-main/core/api/compression.ts'
import { type RunningApi, startApi } from '../src-main/core/api/server.ts'
import { LocalLake } from '../src-main/core/lake/local-lake.ts'
import { ServingService } from '../src-main/core/serving/serving-service.ts'
import { bearer, openStream, readAll } from './helpers/http.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

/** A script large enough to be worth compressing, and varied enough to check byte for byte. */
const SCRIPT = Array.from({ length: 400 }, (_, i) => `console.log('medallion line ${i}')`).join('\n')

describe('web mode compression', () => {
  const dataDir = tempDir('medallion-gzip-')
  const webRoot = tempDir('medallion-gzip-root-')
  const core = testCore(dataDir)
  const serving = new ServingService({ lake: new LocalLake(join(dataDir, 'lake')), tasks: core.tasks })
  let api: RunningApi

  async function get(path: string, headers: Record<string, string> = {}) {
    const { res } = await openStream(api.url, path, headers)
    return { res, body: await readAll(res) }
  }

  beforeAll(async () => {
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Medallion</title>')
    writeFileSync(join(webRoot, 'app.js'), SCRIPT)
    mkdirSync(join(webRoot, 'assets'))
    writeFileSync(join(webRoot, 'assets', 'page-Ab12Cd34.js'), SCRIPT)
    api = await startApi({
      handlers: core.handlers,
      store: serving.store,
      events: core.events,
      port: 0,
      webRoot,
    })
  })

  afterAll(async () => {
    await api?.close()
    await serving.close()
  })

  it('gzips a file when asked, and sends it plain when not', async () => {
    const zipped = await get('/app.js', { 'Accept-Encoding': 'gzip' })
    expect(zipped.res.headers['content-encoding']).toBe('gzip')
    expect(zipped.res.headers.vary).toContain('Accept-Encoding')
    expect(zipped.body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 3)
    expect(gunzipSync(zipped.body).toString('utf8')).toBe(SCRIPT)

    const plain = await get('/app.js')
    expect(plain.res.headers['content-encoding']).toBeUndefined()
    expect(plain.res.headers['content-length']).toBe(String(Buffer.byteLength(SCRIPT)))
    expect(plain.body.toString('utf8')).toBe(SCRIPT)
  })

  it("serves a file's kept compressed copy until the file changes, and marks only hashed assets immutable", async () => {
    const first = await get('/app.js', { 'Accept-Encoding': 'br' })
    const again = await get('/app.js', { 'Accept-Encoding': 'br' })
    expect(again.res.headers['content-length']).toBe(String(again.body.length))
    expect(again.body.equals(first.body)).toBe(true)
    expect(first.res.headers['cache-control']).toBe('no-cache')
    // A rebuilt file (new content, new modification time) is compressed again, not served stale.
    const changed = `${SCRIPT}\nconsole.log('rebuilt')`
    writeFileSync(join(webRoot, 'app.js'), changed)
    utimesSync(join(webRoot, 'app.js'), new Date(), new Date(Date.now() + 5_000))
    const rebuilt = await get('/app.js', { 'Accept-Encoding': 'br' })
    expect(brotliDecompressSync(rebuilt.body).toString('utf8')).toBe(changed)
    writeFileSync(join(webRoot, 'app.js'), SCRIPT)

    const asset = await get('/assets/page-Ab12Cd34.js', { 'Accept-Encoding': 'gzip' })
    expect(asset.res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(asset.res.headers['content-encoding']).toBe('gzip')
    expect(asset.res.headers.vary).toBe('Accept-Encoding')
    expect(gunzipSync(asset.body).toString('utf8')).toBe(SCRIPT)
    const plain = await get('/assets/page-Ab12Cd34.js')
    expect(plain.res.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString('utf8')).toBe(SCRIPT)
  })

  it('prefers brotli when both are accepted, and honours a refusal (q=0)', async () => {
    const br = await get('/app.js', { 'Accept-Encoding': 'gzip, deflate, br' })
    expect(br.res.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(SCRIPT)
    const refused = await get('/app.js', { 'Accept-Encoding': 'br;q=0, gzip;q=0' })
    expect(refused.res.headers['content-encoding']).toBeUndefined()
    expect(negotiateEncoding('*')).toBe('br')
    expect(negotiateEncoding('identity')).toBeUndefined()
  })

  it("compresses the API's JSON through the same layer", async () => {
    const plain = await get('/openapi.json')
    expect(plain.res.headers['content-encoding']).toBeUndefined()
    const zipped = await get('/openapi.json', { 'Accept-Encoding': 'gzip' })
    expect(zipped.res.headers['content-encoding']).toBe('gzip')
    expect(zipped.res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toEqual(
      JSON.parse(plain.body.toString('utf8')),
    )
  })

  it('leaves the event stream and answers too small to gain uncompressed', async () => {
    const stream = await openStream(api.url, '/events', {
      ...bearer(api.token),
      'Accept-Encoding': 'gzip, br',
    })
    try {
      expect(stream.res.headers['content-type']).toBe('text/event-stream; charset=utf-8')
      expect(stream.res.headers['content-encoding']).toBeUndefined()
      const first = await new Promise<string>((resolve) =>
        stream.res.once('data', (c: Buffer) => resolve(String(c))),
      )
      expect(first).toContain(': connected')
    } finally {
      stream.close()
    }
    const small = await get('/index.html', { 'Accept-Encoding': 'gzip' })
    expect(small.res.headers['content-encoding']).toBeUndefined()
    expect(small.body.toString('utf8')).toBe('<!doctype html><title>Medallion</title>')
  })
})
