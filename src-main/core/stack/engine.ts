/**
 * Finds a Docker-compatible engine: tries each candidate endpoint in order (see engine-candidates.ts),
 * pings it, and says which engine answered (Docker or Podman, and its version), on which socket, and why
 * that socket was tried. When none answers, the error lists every attempt and what to install.
 */
import { readFileSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type Dockerode from 'dockerode'
import { MedallionError } from '../errors.ts'
import {
  type CandidateEnvironment,
  configuredCandidates,
  currentEnvironment,
  dedupe,
  type EngineCandidate,
  wellKnownCandidates,
} from './engine-candidates.ts'
import { engineReason } from './engine-error.ts'

export interface Engine {
  docker: Dockerode
  kind: 'docker' | 'podman'
  /** The engine's own version (Docker Engine's or Podman's). */
  version: string
  /** The Docker API version it speaks. */
  apiVersion: string
  endpoint: string
  source: string
}

export interface FindEngineOptions {
  /** Try only this socket (a path or a `unix://` / `npipe://` / `tcp://` endpoint). */
  socketPath?: string
  /** Environment read for `DOCKER_HOST`, `DOCKER_CONTEXT`, `DOCKER_CONFIG`, `XDG_RUNTIME_DIR`. */
  env?: NodeJS.ProcessEnv
  /** Replaces the well-known sockets tried after `DOCKER_HOST` and the docker context. */
  candidates?: EngineCandidate[]
  pingTimeoutMs?: number
}

export interface EngineAttempt extends EngineCandidate {
  /** Why it was not used. */
  failure: string
}

const DEFAULT_PING_TIMEOUT_MS = 2_000
const VERSION_TIMEOUT_MS = 15_000

export async function findEngine(options: FindEngineOptions = {}): Promise<Engine> {
  const environment = currentEnvironment(options.env)
  const { candidates, notes } = await candidateList(options, environment)
  const attempts: EngineAttempt[] = []
  for (const candidate of candidates) {
    const result = await connectEngine(candidate, environment, options.pingTimeoutMs)
    if ('engine' in result) return result.engine
    attempts.push({ ...candidate, failure: result.failure })
  }
  throw noEngineError(attempts, notes, environment.platform)
}

async function candidateList(
  options: FindEngineOptions,
  environment: CandidateEnvironment,
): Promise<{ candidates: EngineCandidate[]; notes: string[] }> {
  if (options.socketPath) {
    const endpoint = options.socketPath.includes('://') ? options.socketPath : `unix://${options.socketPath}`
    return { candidates: [{ endpoint, source: 'explicit socket' }], notes: [] }
  }
  const configured = await configuredCandidates(environment.env)
  const fixed = options.candidates ?? wellKnownCandidates(environment)
  return { candidates: dedupe([...configured.candidates, ...fixed]), notes: configured.notes }
}

/** Pings one endpoint and identifies the engine behind it. */
export async function connectEngine(
  candidate: EngineCandidate,
  environment: CandidateEnvironment = currentEnvironment(),
  pingTimeoutMs = DEFAULT_PING_TIMEOUT_MS,
): Promise<{ engine: Engine } | { failure: string }> {
  const connection = connectionOptions(candidate, environment.env)
  if ('failure' in connection) return connection
  if (connection.socketPath && !connection.socketPath.startsWith('//')) {
    const missing = await missingSocket(connection.socketPath)
    if (missing) return { failure: missing }
  }
  let docker: Dockerode
  try {
    // Loaded here, not at start: most commands never talk to a container engine.
    const { default: Docker } = await import('dockerode')
    docker = new Docker(connection)
  } catch (err) {
    // dockerode also reads DOCKER_HOST and DOCKER_CERT_PATH itself, and throws when they are malformed.
    return { failure: `cannot set up a client: ${engineReason(err)}` }
  }
  // @types/dockerode omits the options argument (and its abortSignal) that dockerode takes here.
  const ping = docker.ping.bind(docker) as (options: { abortSignal: AbortSignal }) => Promise<unknown>
  const readVersion = docker.version.bind(docker) as (options: {
    abortSignal: AbortSignal
  }) => Promise<Dockerode.DockerVersion>
  const pingDeadline = AbortSignal.timeout(pingTimeoutMs)
  try {
    await ping({ abortSignal: pingDeadline })
  } catch (err) {
    return { failure: pingDeadline.aborted ? `no answer within ${pingTimeoutMs} ms` : engineReason(err) }
  }
  try {
    // Slower than the ping on Podman, which asks its runtime for versions: it gets a deadline of its own.
    const version = await readVersion({ abortSignal: AbortSignal.timeout(VERSION_TIMEOUT_MS) })
    const podman = version.Components?.find((c) => c.Name === 'Podman Engine')
    return {
      engine: {
        docker,
        kind: podman ? 'podman' : 'docker',
        version: podman?.Version ?? version.Version,
        apiVersion: version.ApiVersion,
        endpoint: candidate.endpoint,
        source: candidate.source,
      },
    }
  } catch (err) {
    return { failure: `answered /_ping but not /version: ${engineReason(err)}` }
  }
}

/**
 * Dockerode options for an endpoint. Dockerode also reads `DOCKER_HOST` itself, so the unused fields are
 * cleared explicitly: a socket found through the docker context must not be overridden by the variable.
 */
function connectionOptions(
  candidate: EngineCandidate,
  env: NodeJS.ProcessEnv,
): Dockerode.DockerOptions | { failure: string } {
  const { endpoint } = candidate
  if (endpoint.startsWith('unix://')) {
    const socketPath = endpoint.slice('unix://'.length)
    if (!socketPath) return { failure: 'unix:// endpoint without a path' }
    return { socketPath, host: undefined, port: undefined, protocol: 'http' }
  }
  if (endpoint.startsWith('npipe://')) {
    return {
      socketPath: endpoint.slice('npipe://'.length),
      host: undefined,
      port: undefined,
      protocol: 'http',
    }
  }
  if (endpoint.startsWith('tcp://')) {
    let url: URL
    try {
      url = new URL(endpoint)
    } catch {
      return { failure: `not a valid address: ${endpoint}` }
    }
    const tls = env.DOCKER_TLS_VERIFY === '1' || url.port === '2376'
    const options: Dockerode.DockerOptions = {
      socketPath: undefined,
      host: url.hostname,
      port: url.port || (tls ? 2376 : 2375),
      protocol: tls ? 'https' : 'http',
    }
    if (tls && env.DOCKER_CERT_PATH) {
      try {
        options.ca = readFileSync(join(env.DOCKER_CERT_PATH, 'ca.pem'))
        options.cert = readFileSync(join(env.DOCKER_CERT_PATH, 'cert.pem'))
        options.key = readFileSync(join(env.DOCKER_CERT_PATH, 'key.pem'))
      } catch (err) {
        return { failure: `TLS certificates in DOCKER_CERT_PATH unreadable: ${engineReason(err)}` }
      }
    }
    return options
  }
  const scheme = endpoint.split('://')[0]
  return { failure: `unsupported endpoint scheme "${scheme}://" (use unix://, npipe:// or tcp://)` }
}

async function missingSocket(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path)
    return info.isSocket() ? undefined : `${path} is not a socket`
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return `no socket at ${path}`
    if (code === 'EACCES') return `permission denied on ${path} (is your user in the docker group?)`
    return `${path}: ${engineReason(err)}`
  }
}

function noEngineError(
  attempts: EngineAttempt[],
  notes: string[],
  platform: NodeJS.Platform,
): MedallionError {
  const tried = attempts.map((a) => `  - ${a.endpoint} (${a.source}): ${a.failure}`)
  const lines = [
    'No Docker-compatible engine answered.',
    attempts.length > 0 ? 'Tried:' : 'No endpoint to try.',
    ...tried,
    ...notes.map((n) => `  - ${n}`),
    'Install one of:',
    platform === 'linux'
      ? '  - Docker Engine (https://docs.docker.com/engine/install/) and start it: sudo systemctl enable --now docker'
      : '  - Docker Desktop (https://www.docker.com/products/docker-desktop/) and start it',
    platform === 'linux'
      ? '  - Podman, then start its API: systemctl --user enable --now podman.socket (or: podman system service --time=0 unix://$XDG_RUNTIME_DIR/podman/podman.sock)'
      : '  - Podman (https://podman.io), then: podman machine init && podman machine start',
    'or point DOCKER_HOST at a running engine.',
  ]
  return new MedallionError('no_engine', lines.join('\n'))
}
