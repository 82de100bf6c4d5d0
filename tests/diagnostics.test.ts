/**
 * "Export diagnostics": a real core on a temporary data folder with a real run, planted secrets in the
 * environment, the settings and a log file; the zip must hold what helps (versions, settings, the run, the
 * stack status or why it is missing, the log's tail, the variables' names) and none of the secrets.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../src-main/core/app-core.ts'
import { diagnosticsSourcesFromCore } from '../src-main/core/diagnostics/core-sources.ts'
import { type DiagnosticsSources, writeDiagnosticsZip } from '../src-main/core/diagnostics/diagnostics-zip.ts'
import { tailLines } from '../src-main/core/diagnostics/log-tail.ts'
import { keySecretBox } from '../src-main/core/settings/key-secret-box.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import { SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'

const MONGO_PASSWORD = 'Sup3rS3cretMongo'
const MINIO_SECRET = 'MinioS3cretKey42'
const MLFLOW_PASSWORD = 'MlfL0wPass'
/** Only in settings.json (an MLflow URL saved with its password), then quoted alone in the log. */
const SETTINGS_PASSWORD = 'S3ttingsOnlyPw9'
const BEARER_TOKEN = 'abc.def.ghi'
const SECRETS = [MONGO_PASSWORD, MINIO_SECRET, MLFLOW_PASSWORD, SETTINGS_PASSWORD, BEARER_TOKEN]

const MONGO_URL = `mongodb://medallion:${MONGO_PASSWORD}@127.0.0.1:27017/db`
const MLFLOW_URL = `http://ml:${MLFLOW_PASSWORD}@127.0.0.1:5001`
const FILLER_LINES = 2_500

/** Every way a secret could be written: as is, URL-encoded, base64 (padded or not), base64url. */
function forms(secret: string): string[] {
  const base64 = Buffer.from(secret).toString('base64')
  return [
    secret,
    encodeURIComponent(secret),
    base64,
    base64.replace(/=+$/, ''),
    base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
  ]
}

function expectNoSecret(name: string, bytes: Uint8Array): void {
  const buffer = Buffer.from(bytes)
  for (const secret of SECRETS) {
    for (const form of forms(secret)) {
      expect(buffer.indexOf(Buffer.from(form)), `${name} holds ${form}`).toBe(-1)
    }
  }
}

function plantedLog(path: string): void {
  const filler = Array.from({ length: FILLER_LINES }, (_, i) => `filler line ${i + 1}`)
  const lines = [
    `early line mongodb://medallion:${MONGO_PASSWORD}@127.0.0.1:27017/db`,
    ...filler,
    `connecting to ${MONGO_URL}`,
    `MinIO said no to secret ${MINIO_SECRET} (sent as ${encodeURIComponent(MINIO_SECRET)})`,
    `basic auth ${Buffer.from(MINIO_SECRET).toString('base64')}`,
    `MLflow at ${MLFLOW_URL}/api/2.0/mlflow/runs/create failed`,
    `Authorization: Bearer ${BEARER_TOKEN}`,
    `retrying with password=${MONGO_PASSWORD} for user medallion`,
    `the settings password alone: ${SETTINGS_PASSWORD}`,
    'last line',
  ]
  writeFileSync(path, `${lines.join('\n')}\n`)
}

describe('diagnostics archive of a real core', () => {
  const dataDir = tempDir()
  // With a SecretBox, as the desktop app has: the MLflow password saved in Settings is stored encrypted.
  const core = createCore({ dataDir, paths: SOURCE_PATHS, secretBox: keySecretBox(randomBytes(32)) })
  afterAll(() => core.close())
  const outDir = tempDir()
  const logDir = tempDir()
  const logFile = join(logDir, 'medallion.log')
  const env: NodeJS.ProcessEnv = {
    MONGO_URL,
    MINIO_SECRET_KEY: MINIO_SECRET,
    MINIO_ACCESS_KEY: 'medallion',
    MINIO_ENDPOINT: 'http://127.0.0.1:9000',
    MLFLOW_TRACKING_URI: MLFLOW_URL,
    MEDALLION_DATA_DIR: dataDir,
    HOME: '/home/someone',
    UNRELATED_TOKEN_HOLDER: 'not listed',
  }
  let run: RunRecord
  let result: Awaited<ReturnType<typeof writeDiagnosticsZip>>
  let entries: Record<string, Uint8Array>
  const text = (name: string) => strFromU8(entries[name] as Uint8Array)
  const json = (name: string) => JSON.parse(text(name))

  beforeAll(async () => {
    await core.sources.generate({ clients: 120 }).done
    run = await core.pipeline.start({ from: 'bronze' }).done
    await core.handlers['settings.set']({
      mlflowTrackingUri: `http://ml:${SETTINGS_PASSWORD}@127.0.0.1:5002`,
    })
    plantedLog(logFile)
    const sources = diagnosticsSourcesFromCore(core, {
      medallionVersion: '9.9.9-test',
      logFiles: [logFile, join(logDir, 'missing.log')],
      env,
      now: () => new Date('2026-01-02T03:04:05Z'),
    })
    result = await writeDiagnosticsZip(join(outDir, 'diagnostics.zip'), sources)
    entries = unzipSync(readFileSync(result.path))
  }, 180_000)

  it('writes every expected entry, and the JSON ones parse', () => {
    expect(run.status).toBe('succeeded')
    expect(result.entries).toEqual([
      'README.txt',
      'versions.json',
      'settings.json',
      'runs.json',
      'stack-status.json',
      'environment.json',
      'logs/medallion.log',
    ])
    expect(Object.keys(entries).sort()).toEqual([...result.entries].sort())
    expect(result.bytes).toBe(statSync(result.path).size)
    for (const name of result.entries.filter((e) => e.endsWith('.json')))
      expect(() => json(name), name).not.toThrow()
    // Written through a temporary file that is gone.
    expect(readdirSync(outDir)).toEqual(['diagnostics.zip'])
  })

  it('holds the run, the versions, the settings and the stack status or why it is missing', () => {
    const runs = json('runs.json') as RunRecord[]
    expect(runs.length).toBeGreaterThan(0)
    expect(runs.length).toBeLessThanOrEqual(10)
    expect(runs[0]?.runId).toBe(run.runId)
    expect(runs[0]?.status).toBe('succeeded')

    expect(json('versions.json')).toMatchObject({ medallion: '9.9.9-test', node: process.versions.node })
    const settings = json('settings.json')
    expect(settings.dataDir).toBe(dataDir)
    const entry = (key: string) => settings.entries.find((e: { key: string }) => e.key === key)
    // The user and password were taken out of the saved URI: the password is saved encrypted, shown masked.
    expect(entry('mlflowTrackingUri').value).toBe('http://127.0.0.1:5002')
    expect(entry('mlflowUsername').value).toBe('ml')
    expect(entry('mlflowPassword').value).toBe('***')

    const stack = json('stack-status.json')
    expect(typeof stack).toBe('object')
    // No engine here: either the status says why, or the error was recorded instead of failing the export.
    expect('error' in stack || 'engineError' in stack || 'services' in stack).toBe(true)
  })

  it('lists only Medallion variables, with their secrets masked and the rest kept', () => {
    expect(json('environment.json')).toEqual({
      MEDALLION_DATA_DIR: dataDir,
      MINIO_ACCESS_KEY: 'medallion',
      MINIO_ENDPOINT: 'http://127.0.0.1:9000',
      MINIO_SECRET_KEY: '***',
      MLFLOW_TRACKING_URI: 'http://ml:***@127.0.0.1:5001',
      MONGO_URL: 'mongodb://medallion:***@127.0.0.1:27017/db',
    })
  })

  it('keeps the tail of the log, redacted, and says which logs were missing', () => {
    const log = text('logs/medallion.log').trimEnd().split('\n')
    expect(log.length).toBeLessThanOrEqual(2_000)
    expect(log.at(-1)).toBe('last line')
    expect(log).not.toContain('filler line 1')
    expect(log).toContain('connecting to mongodb://medallion:***@127.0.0.1:27017/db')
    expect(log).toContain('Authorization: Bearer ***')
    expect(log).toContain('MLflow at http://ml:***@127.0.0.1:5001/api/2.0/mlflow/runs/create failed')
    expect(log).toContain('retrying with password=*** for user medallion')

    const readme = text('README.txt')
    expect(readme).toContain('2026-01-02T03:04:05.000Z')
    expect(readme).toContain('9.9.9-test')
    expect(readme).toMatch(/missing\.log: not found/)
    for (const name of result.entries.slice(1)) expect(readme).toContain(name)
  })

  it('holds no planted secret in any byte of any entry, in any encoding', () => {
    for (const [name, bytes] of Object.entries(entries)) expectNoSecret(name, bytes)
    expectNoSecret('the archive', readFileSync(result.path))
    // What is not secret survives.
    const all = Object.values(entries)
      .map((b) => strFromU8(b))
      .join('\n')
    for (const kept of ['medallion', '127.0.0.1', run.runId, 'ml:***@']) expect(all).toContain(kept)
  })
})

describe('diagnostics from failing sources', () => {
  const dir = tempDir()
  const sources = (overrides: Partial<DiagnosticsSources> = {}): DiagnosticsSources => ({
    versions: { medallion: 'test' },
    settings: async () => ({ mongoUrl: MONGO_URL, nested: { password: 'plain-pw-1' } }),
    runs: async () => [],
    stackStatus: async () => {
      throw new Error(`no container engine answers at tcp://admin:${MONGO_PASSWORD}@127.0.0.1:2375`)
    },
    logFiles: [],
    env: { MONGO_URL },
    ...overrides,
  })

  it('records a stack status that throws as a message, secrets masked', async () => {
    const out = await writeDiagnosticsZip(join(dir, 'a.zip'), sources())
    const entries = unzipSync(readFileSync(out.path))
    const stack = JSON.parse(strFromU8(entries['stack-status.json'] as Uint8Array))
    expect(stack).toEqual({ error: 'no container engine answers at tcp://admin:***@127.0.0.1:2375' })
    const settings = JSON.parse(strFromU8(entries['settings.json'] as Uint8Array))
    expect(settings).toEqual({
      mongoUrl: 'mongodb://medallion:***@127.0.0.1:27017/db',
      nested: { password: '***' },
    })
    expect(strFromU8(entries['README.txt'] as Uint8Array)).toMatch(
      /stack-status\.json: could not be read: no container/,
    )
    for (const [name, bytes] of Object.entries(entries)) expectNoSecret(name, bytes)
  })

  it('refuses a folder that does not exist, naming the path and what to do', async () => {
    const target = join(dir, 'no-such-folder', 'd.zip')
    await expect(writeDiagnosticsZip(target, sources())).rejects.toThrow(
      new RegExp(
        `${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*does not exist: choose an existing folder`,
      ),
    )
  })

  it.skipIf(process.getuid?.() === 0)('refuses a folder it may not write, naming the path', async () => {
    const locked = join(dir, 'locked')
    mkdirSync(locked, { mode: 0o500 })
    await expect(writeDiagnosticsZip(join(locked, 'd.zip'), sources())).rejects.toThrow(/permission denied/)
    expect(existsSync(join(locked, 'd.zip'))).toBe(false)
  })
})

describe('log tail', () => {
  const dir = tempDir()

  it('returns the last lines of a long file, oldest first', async () => {
    const path = join(dir, 'long.log')
    writeFileSync(path, Array.from({ length: 100_000 }, (_, i) => `line ${i + 1}`).join('\n'))
    const tail = await tailLines(path, { maxLines: 2_000 })
    expect(tail.lines).toHaveLength(2_000)
    expect(tail.lines[0]).toBe('line 98001')
    expect(tail.lines.at(-1)).toBe('line 100000')
    expect(tail.truncated).toBe(true)
  })

  it('returns a short file whole, and drops a line cut by the byte limit rather than show part of it', async () => {
    const short = join(dir, 'short.log')
    writeFileSync(short, 'a\r\nb\n')
    expect(await tailLines(short)).toEqual({ lines: ['a', 'b'], truncated: false, size: 5 })
    const wide = join(dir, 'wide.log')
    writeFileSync(wide, `${'x'.repeat(10_000)}secret-tail\nend\n`)
    expect((await tailLines(wide, { maxBytes: 100 })).lines).toEqual(['end'])
  })

  it('reports a missing file with its code', async () => {
    await expect(tailLines(join(dir, 'none.log'))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
