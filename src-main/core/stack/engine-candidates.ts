/**
 * Where a Docker-compatible engine may be listening, in the order we try them: `DOCKER_HOST`, the current
 * docker context (how Colima, OrbStack, Rancher Desktop and Docker Desktop's `desktop-linux` are found),
 * the default Docker sockets, the Podman sockets, and on Windows the named pipes.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'

export interface EngineCandidate {
  /** `unix:///path`, `npipe:////./pipe/name` or `tcp://host:port`. */
  endpoint: string
  /** Where the endpoint came from, shown to the user: `DOCKER_HOST`, `docker context "colima"`, … */
  source: string
}

export interface CandidateEnvironment {
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
  /** The user's id, for `/run/user/<uid>` (undefined on Windows). */
  uid: number | undefined
}

export function currentEnvironment(env: NodeJS.ProcessEnv = process.env): CandidateEnvironment {
  return { env, platform: process.platform, uid: process.getuid?.() }
}

/** The fixed places engines listen on by default, for this platform. */
export function wellKnownCandidates({ env, platform, uid }: CandidateEnvironment): EngineCandidate[] {
  if (platform === 'win32') {
    return [
      { endpoint: 'npipe:////./pipe/docker_engine', source: 'Docker Desktop pipe' },
      { endpoint: 'npipe:////./pipe/podman-machine-default', source: 'Podman machine pipe' },
    ]
  }
  const candidates: EngineCandidate[] = [
    { endpoint: 'unix:///var/run/docker.sock', source: 'default Docker socket' },
    // Newer Docker Desktop installs put the socket in the user's home and no longer link /var/run.
    {
      endpoint: `unix://${join(homedir(), '.docker/run/docker.sock')}`,
      source: 'Docker Desktop user socket',
    },
  ]
  if (env.XDG_RUNTIME_DIR) {
    candidates.push({
      endpoint: `unix://${join(env.XDG_RUNTIME_DIR, 'podman/podman.sock')}`,
      source: 'Podman rootless socket ($XDG_RUNTIME_DIR)',
    })
  }
  if (uid !== undefined) {
    candidates.push({
      endpoint: `unix:///run/user/${uid}/podman/podman.sock`,
      source: 'Podman rootless socket',
    })
  }
  candidates.push({ endpoint: 'unix:///run/podman/podman.sock', source: 'Podman rootful socket' })
  return dedupe(candidates)
}

/** What the user configured: `DOCKER_HOST`, then the current docker context. Notes explain what was skipped. */
export async function configuredCandidates(
  env: NodeJS.ProcessEnv,
): Promise<{ candidates: EngineCandidate[]; notes: string[] }> {
  const candidates: EngineCandidate[] = []
  const notes: string[] = []
  if (env.DOCKER_HOST) candidates.push({ endpoint: env.DOCKER_HOST, source: 'DOCKER_HOST' })
  const context = await currentContextEndpoint(env)
  if (context.candidate) candidates.push(context.candidate)
  if (context.note) notes.push(context.note)
  return { candidates, notes }
}

/**
 * The docker CLI's current context: `DOCKER_CONTEXT`, else `currentContext` in `config.json`; its endpoint is
 * in `contexts/meta/<sha256 of the name>/meta.json`. The `default` context is the default socket, tried later.
 */
async function currentContextEndpoint(
  env: NodeJS.ProcessEnv,
): Promise<{ candidate?: EngineCandidate; note?: string }> {
  const configDir = env.DOCKER_CONFIG ?? join(homedir(), '.docker')
  let name = env.DOCKER_CONTEXT
  if (!name) {
    const config = await readJson(join(configDir, 'config.json'))
    name = typeof config?.currentContext === 'string' ? config.currentContext : undefined
  }
  if (!name || name === 'default') return {}
  const metaFile = join(
    configDir,
    'contexts/meta',
    createHash('sha256').update(name).digest('hex'),
    'meta.json',
  )
  const meta = await readJson(metaFile)
  const host = (meta?.Endpoints as Record<string, { Host?: unknown }> | undefined)?.docker?.Host
  if (typeof host !== 'string' || host === '') {
    return { note: `docker context "${name}": no docker endpoint in ${metaFile}` }
  }
  return { candidate: { endpoint: host, source: `docker context "${name}"` } }
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'))
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

export function dedupe(candidates: EngineCandidate[]): EngineCandidate[] {
  const seen = new Set<string>()
  return candidates.filter((c) => !seen.has(c.endpoint) && seen.add(c.endpoint))
}
