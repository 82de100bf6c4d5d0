/**
 * Importing over HTTP, on a real web-mode server with `medallion serve`'s upload route and HTTP policy:
 * POST /upload needs the launch token, takes only the two sources' names, streams into
 * `<data>/imports/<id>/` and leaves nothing behind past the limit or when the client goes away; the
 * preview of an upload (bronze's reader and silver's rules in the pipeline worker) says what a run then
 * records, on French-spreadsheet files; a run reads the upload through the input-roots policy.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpHandlers, httpPolicyOf } from '../src-main/core/api/http-policy.ts'
import { type RunningApi, startApi } from '../src-main/core/api/server.ts'
import { parseByteSize } from '../src-main/core/import/upload-limit.ts'
import { uploadRoute } from '../src-main/core/import/upload-route.ts'
import { importsDir } from '../src-main/core/input-roots.ts'
import type { RunRecord, TaskInfo } from '../src-preload/contract.ts'
import type { ImportPreview } from '../src-preload/contract-import.ts'
import { bearer, http, type Json, postJson } from './helpers/http.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

/** One upload's answer, or how the connection ended when the server closed it first. */
interface UploadAnswer {
  status: number
  body: Json
}

/** POST /upload with raw bytes, sent in chunks. */
function upload(
  api: RunningApi,
  query: string,
  bytes: Buffer,
  options: { headers?: Record<string, string>; chunked?: boolean } = {},
): Promise<UploadAnswer> {
  const base = new URL(api.url)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        path: `/upload?${query}`,
        method: 'POST',
        headers: {
          'Content-Type': 'application/octet-stream',
          ...(options.chunked ? {} : { 'Content-Length': String(bytes.length) }),
          ...options.headers,
        },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        )
      },
    )
    req.on('error', reject)
    const step = 16 * 1024
    let sent = 0
    const next = () => {
      if (sent >= bytes.length) return void req.end()
      const chunk = bytes.subarray(sent, sent + step)
      sent += chunk.length
      if (req.write(chunk)) setImmediate(next)
      else req.once('drain', next)
    }
    next()
  })
}

/** Waits for a condition the server reaches on its own (at most 10 s). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((done) => setTimeout(done, 50))
}

describe('importing files over HTTP', () => {
  const dataDir = tempDir('medallion-import-http-')
  const french = tempDir('medallion-import-fr-')
  const webRoot = tempDir('medallion-import-web-')
  const core = testCore(dataDir)
  const limit = parseByteSize('64KiB')
  let api: RunningApi

  const rpc = async (name: string, input: unknown) => {
    const answer = await postJson(api.url, `/rpc/${name}`, input, bearer(api.token))
    return { status: answer.status, body: answer.json() as Json }
  }
  const imports = () => (existsSync(importsDir(dataDir)) ? readdirSync(importsDir(dataDir)) : [])
  const finished = async (taskId: string): Promise<TaskInfo> => {
    for (;;) {
      const task = ((await rpc('tasks.list', {})).body.result as TaskInfo[]).find((t) => t.id === taskId)
      if (task && task.state !== 'running') return task
      await new Promise((done) => setTimeout(done, 100))
    }
  }

  beforeAll(async () => {
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html>')
    // French spreadsheet files ("CSV" with ";", Windows-1252, decimal comma, day first), some rows dirty.
    await core.sources.generate({
      clients: 60,
      seed: 5,
      dirtyShare: 0.03,
      outDir: french,
      dialect: 'fr-excel',
    }).done
    api = await startApi({
      handlers: httpHandlers(core.handlers, httpPolicyOf(dataDir, {})),
      store: () => core.serving.store,
      events: core.events,
      port: 0,
      webRoot,
      webRoutes: [uploadRoute({ dataDir, limit })],
    })
  }, 120_000)

  afterAll(async () => {
    await api?.close()
  })

  it('refuses an upload without the launch token (401), and writes nothing', async () => {
    const answer = await upload(api, 'file=clients.csv', Buffer.from('id_client\n1\n'))
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } })
    expect(imports()).toEqual([])
  })

  it('refuses a name other than the two sources (400), and an import id it did not make', async () => {
    for (const name of ['notes.txt', '../clients.csv', 'clients.csv.exe', '']) {
      const answer = await upload(api, `file=${encodeURIComponent(name)}`, Buffer.from('x'), {
        headers: bearer(api.token),
      })
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'bad_file_name' } } })
      expect(answer.body.error.message).toContain('clients.csv')
    }
    const forged = await upload(api, 'file=clients.csv&import=..%2F..%2Fetc', Buffer.from('x'), {
      headers: bearer(api.token),
    })
    expect(forged).toMatchObject({ status: 400, body: { error: { code: 'bad_import' } } })
    expect(imports()).toEqual([])
  })

  it('refuses a file over the limit with 413 and a message, declared or streamed, leaving nothing behind', async () => {
    const big = Buffer.alloc(limit + 1, 'a')
    const declared = await upload(api, 'file=achats.csv', big, { headers: bearer(api.token) })
    expect(declared).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } })
    const message = declared.body.error.message as string
    expect(message).toContain('achats.csv is larger than the upload limit of 64 KiB')
    expect(message).toContain('MEDALLION_UPLOAD_LIMIT')
    // Chunked: the size is known only as the bytes come; the partial file goes when they pass the limit.
    const streamed = await upload(api, 'file=achats.csv', Buffer.alloc(limit * 3, 'a'), {
      headers: bearer(api.token),
      chunked: true,
    })
    expect(streamed).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } })
    expect(imports()).toEqual([])
  })

  it('leaves nothing behind when the client goes away mid-upload', async () => {
    const base = new URL(api.url)
    const req = request({
      host: base.hostname,
      port: base.port,
      path: '/upload?file=achats.csv',
      method: 'POST',
      headers: { ...bearer(api.token), 'Content-Length': String(48 * 1024) },
      agent: false,
    })
    req.on('error', () => {})
    req.write(Buffer.alloc(16 * 1024, 'b'))
    // The server has started writing the import (its folder and a partial file) when the client goes away.
    await until(() => imports().length === 1)
    req.destroy()
    await until(() => imports().length === 0)
    expect(imports()).toEqual([])
  })

  it('uploads French-spreadsheet files, previews them with their dialect, and the run records what the preview said', async () => {
    const first = await upload(api, 'file=clients.csv', readFileSync(join(french, 'clients.csv')), {
      headers: bearer(api.token),
    })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ file: 'clients.csv', complete: false })
    const importId = first.body.importId as string
    const second = await upload(
      api,
      `file=achats.csv&import=${importId}`,
      readFileSync(join(french, 'achats.csv')),
      {
        headers: bearer(api.token),
      },
    )
    expect(second.body).toMatchObject({ importId, file: 'achats.csv', complete: true })
    expect(readdirSync(join(importsDir(dataDir), importId)).sort()).toEqual(['achats.csv', 'clients.csv'])
    expect(second.body.bytes).toBe(readFileSync(join(french, 'achats.csv')).length)
    // Complete, it may be what a run reads: its files are not replaced.
    const again = await upload(api, `file=achats.csv&import=${importId}`, Buffer.from('x'), {
      headers: bearer(api.token),
    })
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'import_complete' } } })

    const preview = (await rpc('sources.preview', { importId })).body.result as ImportPreview
    // The purchases carry all four traits (products with accents, amounts with a comma); the clients'
    // plain-ASCII names read as UTF-8 too, and have no decimal column.
    expect(preview.files.achats.dialect).toMatchObject({
      format: 'csv',
      delimiter: ';',
      encoding: 'windows-1252',
      decimal: ',',
      dateFormat: '%d/%m/%Y',
    })
    expect(preview.files.clients.dialect).toMatchObject({ delimiter: ';', dateFormat: '%d/%m/%Y' })
    for (const table of ['clients', 'achats'] as const) {
      expect(preview.files[table].dialect.detected).toEqual(
        expect.arrayContaining(['delimiter', 'encoding', 'dateFormat']),
      )
      expect(preview.files[table].rows.length).toBeGreaterThan(0)
      expect(preview.files[table].rows[0]?._line).toBe(2)
    }
    const achats = preview.files.achats
    expect(achats.columns.find((c) => c.name === 'montant')?.type).toBe('Float64')
    expect(achats.counts.rejected).toBeGreaterThan(0)
    const reasons = achats.rejects.reduce((sum, r) => sum + r.count, 0)
    expect(reasons).toBe(achats.counts.rejected)
    expect(achats.rejects[0]?.examples[0]?.line).toBeGreaterThan(1)
    expect(achats.rejects.find((r) => r.reason === 'orphan_client')?.label).toBe(
      'The purchase names a client the clients file does not have',
    )
    expect(preview.wouldFail).toBeUndefined()

    // Given a dialect, the preview reads with it: amounts with a comma are not numbers with a point.
    const forcedAnswer = await rpc('sources.preview', { importId, dialect: { achats: { decimal: '.' } } })
    const forced = forcedAnswer.body.result as ImportPreview
    expect(forced.files.achats.dialect.decimal).toBe('.')
    expect(forced.files.achats.dialect.detected).not.toContain('decimal')
    expect(forced.files.achats.rejects[0]?.reason).toBe('invalid_number')
    expect(forced.wouldFail).toContain('achats.csv')
    // Asked again before the first answer (the dialect changed meanwhile): the older preview stops.
    const older = core.handlers['sources.preview']({ importId })
    const newer = core.handlers['sources.preview']({ importId, dialect: { achats: { decimal: ',' } } })
    await expect(older).rejects.toMatchObject({ code: 'superseded' })
    expect((await newer).files.achats.counts).toEqual(achats.counts)
    expect(readdirSync(importsDir(dataDir)).filter((name) => name.startsWith('.preview-'))).toEqual([])
    // A separator that splits no header is an error naming the file and the columns it found.
    const wrong = await rpc('sources.preview', { importId, dialect: { achats: { delimiter: ',' } } })
    expect(wrong.body.error.code).toBe('missing_column')
    expect(wrong.body.error.message).toContain('achats.csv')

    const started = await rpc('pipeline.run', { inputDir: preview.inputDir })
    expect(started.status).toBe(200)
    const task = await finished(started.body.result.taskId)
    expect(task.state).toBe('succeeded')
    const [record] = (await rpc('pipeline.runs', { limit: 1 })).body.result as RunRecord[]
    expect(record?.files).toEqual({
      clients: preview.files.clients.counts,
      achats: preview.files.achats.counts,
    })
    expect(record?.dialect?.achats).toEqual(preview.files.achats.dialect)
  }, 120_000)

  it('removes an import the page gave up before its second file (DELETE), never a complete one', async () => {
    const first = await upload(api, 'file=clients.csv', readFileSync(join(french, 'clients.csv')), {
      headers: bearer(api.token),
    })
    const importId = first.body.importId as string
    const discard = (id: string) =>
      http(api.url, `/upload?import=${id}`, { method: 'DELETE', headers: bearer(api.token) })
    expect((await discard(importId)).status).toBe(200)
    expect(imports()).not.toContain(importId)
    // The page's way: an empty import first, so it knows what to remove whenever Cancel comes.
    const made = await postJson(api.url, '/upload/new', undefined, bearer(api.token))
    const madeId = (made.json() as Json).importId as string
    expect(imports()).toContain(madeId)
    expect((await discard(madeId)).status).toBe(200)
    expect(imports()).not.toContain(madeId)
    expect((await postJson(api.url, '/upload/new', undefined)).status).toBe(401)
    const complete = imports()[0] as string
    const refused = await discard(complete)
    expect(refused.status).toBe(409)
    expect(imports()).toContain(complete)
  })

  it("refuses the window's ways to choose files over HTTP (window_only)", async () => {
    for (const [name, input] of [
      ['app.importChoose', { pick: 'folder' }],
      ['app.importDropped', { paths: ['/etc/passwd'] }],
    ] as const) {
      const answer = await rpc(name, input)
      expect(answer.status).toBe(403)
      expect(answer.body.error.code).toBe('window_only')
      expect(answer.body.error.message).toContain('upload')
    }
  })

  it('previews over HTTP only a folder the input-roots policy allows', async () => {
    const answer = await rpc('sources.preview', { inputDir: french })
    expect(answer.status).toBe(403)
    expect(answer.body.error.code).toBe('input_not_allowed')
  })
})
