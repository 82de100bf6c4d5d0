/**
 * A real MongoDB wire-protocol server for integration tests: FerretDB on a fresh SQLite folder and a free
 * loopback port, built by `scripts/build-ferretdb.sh`. Under CI a missing server fails the tests; on a
 * laptop without Go they skip and say why.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'

export const FERRETDB_BIN =
  process.env.MEDALLION_FERRETDB_BIN ??
  join(process.env.MEDALLION_TOOLS_DIR ?? join(homedir(), '.cache/medallion/bin'), 'ferretdb')

export const FERRETDB_AVAILABLE = existsSync(FERRETDB_BIN)

if (!FERRETDB_AVAILABLE && process.env.CI) {
  throw new Error(
    `FerretDB test server not found at ${FERRETDB_BIN}: .ci/run builds it with scripts/build-ferretdb.sh`,
  )
}

export const FERRETDB_SKIP_REASON = `no FerretDB at ${FERRETDB_BIN} (run scripts/build-ferretdb.sh)`

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

export async function startFerretDb(): Promise<RunningMongo> {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-ferretdb-'))
  const port = await freePort()
  const child = spawn(FERRETDB_BIN, ['-listen', `127.0.0.1:${port}`, '-sqlite', `file:${dir}/`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (d) => {
    stderr += d
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`FerretDB did not start in 15 s: ${stderr}`)), 15_000)
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('listening')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`FerretDB exited (${code}): ${stderr}`))
    })
  })
  return {
    url: `mongodb://127.0.0.1:${port}/`,
    process: child,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
