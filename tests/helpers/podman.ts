/**
 * The engine the stack tests talk to: Podman's Docker-compatible API on a unix socket (`/tmp/podman.sock`,
 * or MEDALLION_PODMAN_SOCKET), as `scripts/setup-podman.sh` starts it. When the socket does not answer and
 * podman is installed, the service is started here (once, even with parallel test files). Under CI a
 * missing engine fails the tests; on a laptop without Podman they skip and say why.
 */
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, openSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { readComposeFile } from '../../src-main/core/stack/compose-file.ts'
import { type Engine, findEngine } from '../../src-main/core/stack/engine.ts'
import type { StackPlan } from '../../src-main/core/stack/stack-plan.ts'
import { reset } from '../../src-main/core/stack/stack-reset.ts'

export const PODMAN_SOCKET = process.env.MEDALLION_PODMAN_SOCKET ?? '/tmp/podman.sock'

/** A service started here exits after this long without requests, so tests leave nothing running for long. */
const IDLE_SECONDS = 600
const START_TIMEOUT_MS = 20_000
const START_LOCK = `${PODMAN_SOCKET}.starting`

export const PODMAN: { engine?: Engine; skipReason: string } = await connectTestEngine()

/** For test titles: the engine tested, or why the tests skip. */
export const ENGINE_LABEL = PODMAN.engine
  ? `${PODMAN.engine.kind} ${PODMAN.engine.version}`
  : PODMAN.skipReason

if (!PODMAN.engine && process.env.CI) {
  throw new Error(
    `No container engine for the stack tests: ${PODMAN.skipReason} (.ci/run runs scripts/setup-podman.sh)`,
  )
}

async function connectTestEngine(): Promise<{ engine?: Engine; skipReason: string }> {
  const answering = await tryEngine()
  if (answering) return { engine: answering, skipReason: '' }
  if (spawnSync('podman', ['--version']).status !== 0) {
    return {
      skipReason: `no engine on ${PODMAN_SOCKET} and podman is not installed (run scripts/setup-podman.sh)`,
    }
  }
  const started = await startService()
  return started
    ? { engine: started, skipReason: '' }
    : { skipReason: `podman system service did not answer on ${PODMAN_SOCKET}` }
}

async function tryEngine(): Promise<Engine | undefined> {
  try {
    return await findEngine({ socketPath: PODMAN_SOCKET, pingTimeoutMs: 3_000 })
  } catch {
    return undefined
  }
}

/** Starts `podman system service` unless another test file holds the start lock; then waits for the socket. */
async function startService(): Promise<Engine | undefined> {
  const owner = takeStartLock()
  if (owner) {
    rmSync(PODMAN_SOCKET, { force: true })
    spawn('podman', ['system', 'service', `--time=${IDLE_SECONDS}`, `unix://${PODMAN_SOCKET}`], {
      detached: true,
      stdio: 'ignore',
    }).unref()
  }
  const deadline = Date.now() + START_TIMEOUT_MS
  try {
    while (Date.now() < deadline) {
      const engine = await tryEngine()
      if (engine) return engine
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    return undefined
  } finally {
    if (owner) rmSync(START_LOCK, { force: true })
  }
}

function takeStartLock(): boolean {
  try {
    // A lock older than the start timeout was left by a killed run.
    if (Date.now() - statSync(START_LOCK).mtimeMs > START_TIMEOUT_MS) rmSync(START_LOCK, { force: true })
  } catch {
    // No lock yet.
  }
  try {
    closeSync(openSync(START_LOCK, 'wx'))
    return true
  } catch {
    return false
  }
}

/** A project name no other test (or engineer) uses at the same time. */
export function uniqueProject(prefix: string): string {
  return `mt-${prefix}-${Math.random().toString(36).slice(2, 8)}`
}

/** Removes everything a test project left on the engine: containers, networks and volumes. */
export async function removeTestProject(engine: Engine, project: string): Promise<void> {
  await reset(engine, project, 'volumes', [], { stopTimeoutSeconds: 0 })
}

const FIXTURES = join(import.meta.dirname, '../fixtures/stack')

/** A compose fixture of tests/fixtures/stack read as a plan for `project`, with only `env` for variables. */
export function fixturePlan(name: string, project: string, env: Record<string, string>): Promise<StackPlan> {
  return readComposeFile(join(FIXTURES, name), { project, env, envFile: false })
}
