/**
 * A real MongoDB wire-protocol server for integration tests: FerretDB on a fresh SQLite folder and a free
 * loopback port, built by `scripts/build-ferretdb.sh`. Under CI a missing server fails the tests; on a
 * laptop without Go they skip and say why.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { testTool } from './test-tool.ts'

const FERRETDB = testTool('ferretdb', 'MEDALLION_FERRETDB_BIN', 'scripts/build-ferretdb.sh')
export const FERRETDB_BIN = FERRETDB.bin
export const FERRETDB_AVAILABLE = FERRETDB.available
export const FERRETDB_SKIP_REASON = FERRETDB.skipReason

export interface RunningMongo {
  /** mongodb://127.0.0.1:<port>/ */
  url: string
  process: ChildProcess
  stop(): Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** With `auth`, FerretDB enforces credentials (SCRAM) and creates that user in that database at start. */
export interface FerretDbOptions {
  auth?: { username: string; password: string; database: string }
  /** A port to listen on (a restart on the port a test stopped it on); default a free one. */
  port?: number
}

export async function startFerretDb(options: FerretDbOptions = {}): Promise<RunningMongo> {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-ferretdb-'))
  const port = options.port ?? (await freePort())
  const { auth } = options
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${dir}/`,
    `--listen-addr=127.0.0.1:${port}`,
    '--telemetry=disable',
    '--debug-addr=-',
    '--state-dir=-',
    ...(auth
      ? [
          '--test-enable-new-auth',
          `--setup-username=${auth.username}`,
          `--setup-password=${auth.password}`,
          `--setup-database=${auth.database}`,
        ]
      : []),
  ]
  const child = spawn(FERRETDB_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  let started = false
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`FerretDB did not start in 15 s: ${output}`)), 15_000)
    // Read for as long as it runs (a full pipe would block it); keep the text only until it listens.
    const onData = (d: Buffer) => {
      if (started) return
      output += d
      if (output.includes(`Listening on TCP 127.0.0.1:${port}`)) {
        started = true
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`FerretDB exited (${code}): ${output}`))
    })
  })
  return {
    url: `mongodb://127.0.0.1:${port}/`,
    process: child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
