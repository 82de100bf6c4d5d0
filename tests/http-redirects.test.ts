/**
 * The HTTP clients to MLflow and to the S3 lake against real node:http servers: a redirect is refused
 * with a message naming the endpoint (the server it points to receives nothing), MLflow's credentials go
 * in the Authorization header (never the URL), and a foreign error body is quoted only as a short,
 * clean, redacted excerpt.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MedallionError } from '../src-main/core/errors.ts'
import { S3Lake } from '../src-main/core/lake/s3-lake.ts'
import { MlflowClient } from '../src-main/core/ml/mlflow-client.ts'
import { FOREIGN_EXCERPT_CHARS } from '../src-main/core/redact.ts'
import { type RecordingServer, redirectTo, startRecordingServer } from './helpers/recording-server.ts'

const S3_SECRET = 'S3cretKeyNeverSent'

async function rejection(call: Promise<unknown>): Promise<MedallionError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(MedallionError)
  return err as MedallionError
}

describe('redirects are refused', () => {
  let target: RecordingServer
  const redirectors: RecordingServer[] = []
  const cache = mkdtempSync(join(tmpdir(), 'medallion-redirect-'))

  beforeAll(async () => {
    target = await startRecordingServer((_, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}')
    })
  })
  afterAll(async () => {
    await Promise.all([target.close(), ...redirectors.map((r) => r.close())])
    rmSync(cache, { recursive: true, force: true })
  })
  const redirector = async (status: number) => {
    const server = await startRecordingServer(redirectTo(target.url, status))
    redirectors.push(server)
    return server
  }

  for (const status of [301, 302, 307, 308]) {
    it(`MLflow: HTTP ${status} is an error naming the endpoint, and its target sees nothing`, async () => {
      const from = await redirector(status)
      const client = new MlflowClient(from.url, { auth: { kind: 'bearer', token: 'tok-never-forwarded' } })
      const err = await rejection(client.experimentId('medallion'))
      expect(err.code).toBe('mlflow_error')
      expect(err.message).toContain(`MLflow at ${from.url} answered with a redirect (HTTP ${status})`)
      expect(err.message).toContain('does not follow')
      expect(await client.healthProblem()).toContain(`redirect (HTTP ${status})`)
      expect(await client.healthy()).toBe(false)
      expect(from.requests.length).toBeGreaterThanOrEqual(2)
      expect(target.requests).toEqual([])
    })
  }

  it('S3: a redirect from the lake endpoint is an error naming it, and its target sees nothing', async () => {
    const from = await redirector(307)
    const lake = new S3Lake({
      endpoint: from.url,
      accessKey: 'medallion',
      secretKey: S3_SECRET,
      cacheDir: cache,
    })
    const err = await rejection(lake.currentRun())
    expect(err.code).toBe('lake_redirect')
    expect(err.message).toContain(`the S3 lake at ${from.url}`)
    expect(err.message).toContain('redirect (HTTP 307')
    expect(err.message).not.toContain(S3_SECRET)
    expect(from.requests.length).toBeGreaterThanOrEqual(1)
    // Signed with the key, never carrying it.
    expect(JSON.stringify(from.requests)).not.toContain(S3_SECRET)
    expect(target.requests).toEqual([])
  })
})

describe("MLflow's credentials and error bodies", () => {
  let server: RecordingServer
  let errorBody = ''
  beforeAll(async () => {
    server = await startRecordingServer((req, res) => {
      if (req.path.includes('experiments/create')) {
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end(errorBody)
        return
      }
      res.writeHead(404, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'no experiment' }))
    })
  })
  afterAll(() => server.close())

  it('sends Basic credentials in the Authorization header, never in the URL', async () => {
    errorBody = 'down'
    const client = new MlflowClient(server.url, {
      auth: { kind: 'basic', user: 'ml-user', password: 'pä:ss' },
    })
    await rejection(client.experimentId('medallion'))
    const expected = `Basic ${Buffer.from('ml-user:pä:ss', 'utf8').toString('base64')}`
    expect(server.requests.length).toBeGreaterThan(0)
    for (const req of server.requests) {
      expect(req.headers.authorization).toBe(expected)
      expect(req.path).not.toContain('ml-user')
    }
  })

  it('sends a token as Bearer', async () => {
    server.requests.length = 0
    await new MlflowClient(server.url, { auth: { kind: 'bearer', token: 'dapi-123.abc' } }).healthy()
    expect(server.requests[0]?.headers.authorization).toBe('Bearer dapi-123.abc')
  })

  it('quotes at most a short, clean, redacted excerpt of a foreign error body', async () => {
    errorBody = `\u001b[31mboom\u0007 at http://admin:Hunter2Pass@db.internal:5432/x\r\n${'A'.repeat(5_000)}`
    const err = await rejection(new MlflowClient(server.url).experimentId('medallion'))
    const quoted = err.message.slice(err.message.indexOf('): ') + 3)
    expect(quoted.length).toBeLessThanOrEqual(FOREIGN_EXCERPT_CHARS)
    expect(quoted.startsWith('boom at http://admin:***@db.internal:5432/x AAA')).toBe(true)
    expect([...err.message].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)).toBe(false)
    expect(err.message).not.toContain('Hunter2Pass')
    expect(err.message.length).toBeLessThan(FOREIGN_EXCERPT_CHARS + 120)
  })
})
