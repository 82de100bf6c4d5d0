/**
 * A real S3 server for integration tests: MinIO on a fresh folder and free loopback ports, built by
 * `scripts/build-minio.sh`, with the buckets a test asks for. Under CI a missing server fails the tests;
 * on a laptop without Go they skip and say why.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3'
import { freePort } from './ferretdb.ts'
import { testTool } from './test-tool.ts'

const MINIO = testTool('minio', 'MEDALLION_MINIO_BIN', 'scripts/build-minio.sh')
export const MINIO_BIN = MINIO.bin
export const MINIO_AVAILABLE = MINIO.available
export const MINIO_SKIP_REASON = MINIO.skipReason

export interface RunningMinio {
  /** http://127.0.0.1:<port> */
  endpoint: string
  accessKey: string
  secretKey: string
  /** A client with the root credentials, for checking what the code under test wrote. */
  client: S3Client
  stop(): Promise<void>
}

const ACCESS_KEY = 'medallion-test'
/** Distinctive, so a test can prove it never appears in a message. */
const SECRET_KEY = 'test-secret-9f3c2a71e5'
const START_TIMEOUT_MS = 30_000

async function waitLive(endpoint: string, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS
  while (Date.now() < deadline) {
    const exit = exited()
    if (exit) throw new Error(exit)
    try {
      if ((await fetch(`${endpoint}/minio/health/live`)).ok) return
    } catch {
      // Not listening yet.
    }
    await delay(100)
  }
  throw new Error(`MinIO did not become live at ${endpoint} in ${START_TIMEOUT_MS / 1000} s`)
}

/**
 * A restart as a test stops and starts a server: `port`, the S3 port to listen on (default a free one);
 * `dir`, the data folder to serve, kept when it stops (default a fresh one, removed then).
 */
export async function startMinio(
  buckets: readonly string[] = [],
  options: { port?: number; dir?: string } = {},
): Promise<RunningMinio> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'medallion-minio-'))
  const [port, consolePort] = [options.port ?? (await freePort()), await freePort()]
  const child = spawn(
    MINIO_BIN,
    ['server', dir, '--address', `127.0.0.1:${port}`, '--console-address', `127.0.0.1:${consolePort}`],
    {
      env: { ...process.env, MINIO_ROOT_USER: ACCESS_KEY, MINIO_ROOT_PASSWORD: SECRET_KEY },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr?.on('data', (d) => {
    stderr += d
  })
  const endpoint = `http://127.0.0.1:${port}`
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
    forcePathStyle: true,
  })
  const stop = async () => {
    client.destroy()
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
    if (!options.dir) rmSync(dir, { recursive: true, force: true })
  }
  try {
    await waitLive(endpoint, () =>
      child.exitCode === null ? undefined : `MinIO exited (${child.exitCode}): ${stderr}`,
    )
    for (const bucket of buckets) await client.send(new CreateBucketCommand({ Bucket: bucket }))
  } catch (err) {
    await stop()
    throw err
  }
  return { endpoint, accessKey: ACCESS_KEY, secretKey: SECRET_KEY, client, stop }
}
