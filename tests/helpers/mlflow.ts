/**
 * A real MLflow tracking server for integration tests: `mlflow server` from the venv of
 * `scripts/setup-python.sh`, on a fresh SQLite store and artifact folder, on a free loopback port,
 * serving artifacts through its proxy (the default). Under CI a missing server fails the tests; on a
 * machine without the venv they skip and say why.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { freePort } from './ferretdb.ts'

const VENV = process.env.MEDALLION_VENV ?? join(homedir(), '.cache/medallion/venv')

export const MLFLOW_BIN = process.env.MEDALLION_MLFLOW_BIN ?? join(VENV, 'bin', 'mlflow')

export const MLFLOW_AVAILABLE = existsSync(MLFLOW_BIN)

if (!MLFLOW_AVAILABLE && process.env.CI) {
  throw new Error(
    `MLflow test server not found at ${MLFLOW_BIN}: .ci/run installs it with scripts/setup-python.sh`,
  )
}

export const MLFLOW_SKIP_REASON = `no MLflow at ${MLFLOW_BIN} (run scripts/setup-python.sh)`

/** MLflow imports its whole stack before it listens: tens of seconds on a slow machine. */
const START_TIMEOUT_MS = 90_000

export interface RunningMlflow {
  /** http://127.0.0.1:<port> */
  url: string
  /** Where the server keeps artifacts (to check an upload landed). */
  artifactsDir: string
  process: ChildProcess
  stop(): Promise<void>
}

/** `port`: where to listen (a restart on the port a test stopped it on); default a free one. */
export async function startMlflow(options: { port?: number } = {}): Promise<RunningMlflow> {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-mlflow-'))
  const port = options.port ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  const artifactsDir = join(dir, 'artifacts')
  // Its own process group: `mlflow server` runs uvicorn as a child, and stop() must end both.
  const child = spawn(
    MLFLOW_BIN,
    [
      'server',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--workers',
      '1',
      '--backend-store-uri',
      `sqlite:///${join(dir, 'mlflow.db')}`,
      '--artifacts-destination',
      artifactsDir,
    ],
    { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  const keep = (d: Buffer) => {
    output = `${output}${d}`.slice(-4000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      process.kill(-child.pid, 'SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + START_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      rmSync(dir, { recursive: true, force: true })
      throw new Error(`MLflow exited (${child.exitCode}) before answering: ${output}`)
    }
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, artifactsDir, process: child, stop }
    } catch {
      // Not listening yet.
    }
    await delay(250)
  }
  await stop()
  throw new Error(`MLflow did not answer ${url}/health in ${START_TIMEOUT_MS / 1000} s: ${output}`)
}
