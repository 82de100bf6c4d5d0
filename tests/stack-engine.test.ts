/**
 * Engine discovery: DOCKER_HOST, the current docker context, the well-known sockets, in that order; which
 * engine answered and where it came from; and, when nothing answers, an error listing every attempt.
 */

import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MedallionError } from '../src-main/core/errors.ts'
import { findEngine } from '../src-main/core/stack/engine.ts'
import { wellKnownCandidates } from '../src-main/core/stack/engine-candidates.ts'
import { ENGINE_LABEL, PODMAN, PODMAN_SOCKET } from './helpers/podman.ts'

const dir = mkdtempSync(join(tmpdir(), 'medallion-engine-'))
const deadSocket = join(dir, 'nothing-listens.sock')

afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A DOCKER_CONFIG folder whose current context points at `host`, as `docker context use` leaves it. */
function dockerConfigWithContext(name: string, host: string): string {
  const configDir = join(dir, `docker-config-${name}`)
  const metaDir = join(configDir, 'contexts/meta', createHash('sha256').update(name).digest('hex'))
  mkdirSync(metaDir, { recursive: true })
  writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: name }))
  writeFileSync(
    join(metaDir, 'meta.json'),
    JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }),
  )
  return configDir
}

describe('engine discovery without an engine', () => {
  it('fails with no_engine, listing what it tried and what to install', async () => {
    const err = await findEngine({ env: { DOCKER_HOST: `unix://${deadSocket}` }, candidates: [] }).catch(
      (e) => e,
    )
    expect(err).toBeInstanceOf(MedallionError)
    expect(err.code).toBe('no_engine')
    expect(err.message).toContain(`unix://${deadSocket} (DOCKER_HOST): no socket at ${deadSocket}`)
    expect(err.message).toMatch(/Docker (Engine|Desktop)/)
    expect(err.message).toContain('podman')
  })

  it('gives up on a socket that accepts connections but never answers', async () => {
    const silentSocket = join(dir, 'silent.sock')
    const silent: Server = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(silentSocket, resolve))
    try {
      const err = await findEngine({ socketPath: silentSocket, pingTimeoutMs: 300 }).catch((e) => e)
      expect(err.code).toBe('no_engine')
      expect(err.message).toContain(`unix://${silentSocket} (explicit socket): no answer within 300 ms`)
    } finally {
      silent.close()
    }
  })

  it('reports a docker context without an endpoint', async () => {
    const configDir = join(dir, 'docker-config-broken')
    mkdirSync(configDir, { recursive: true })
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'gone' }))
    const err = await findEngine({ env: { DOCKER_CONFIG: configDir }, candidates: [] }).catch((e) => e)
    expect(err.code).toBe('no_engine')
    expect(err.message).toContain('docker context "gone": no docker endpoint')
  })

  it('knows the default sockets of Linux and the pipes of Windows, in order', () => {
    const linux = wellKnownCandidates({
      env: { XDG_RUNTIME_DIR: '/run/user/1000' },
      platform: 'linux',
      uid: 1000,
    })
    expect(linux.map((c) => c.endpoint)).toEqual([
      'unix:///var/run/docker.sock',
      expect.stringMatching(/^unix:\/\/.*\/\.docker\/run\/docker\.sock$/),
      'unix:///run/user/1000/podman/podman.sock',
      'unix:///run/podman/podman.sock',
    ])
    const windows = wellKnownCandidates({ env: {}, platform: 'win32', uid: undefined })
    expect(windows.map((c) => c.endpoint)).toEqual([
      'npipe:////./pipe/docker_engine',
      'npipe:////./pipe/podman-machine-default',
    ])
  })
})

describe.skipIf(!PODMAN.engine)(`engine discovery (${ENGINE_LABEL})`, () => {
  let contextConfig: string

  beforeAll(() => {
    contextConfig = dockerConfigWithContext('medallion-test', `unix://${PODMAN_SOCKET}`)
  })

  it('finds the Podman socket through DOCKER_HOST and says which engine it is', async () => {
    const engine = await findEngine({ env: { DOCKER_HOST: `unix://${PODMAN_SOCKET}` }, candidates: [] })
    expect(engine).toMatchObject({
      kind: 'podman',
      endpoint: `unix://${PODMAN_SOCKET}`,
      source: 'DOCKER_HOST',
    })
    expect(engine.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(engine.apiVersion).toMatch(/^1\.\d+$/)
    expect(await engine.docker.ping()).toBeTruthy()
  })

  it('falls through a dead DOCKER_HOST to the current docker context', async () => {
    const engine = await findEngine({
      env: { DOCKER_HOST: `unix://${deadSocket}`, DOCKER_CONFIG: contextConfig },
      candidates: [],
    })
    expect(engine.source).toBe('docker context "medallion-test"')
    expect(engine.kind).toBe('podman')
  })

  it('tries the well-known sockets after the configured ones', async () => {
    const engine = await findEngine({
      env: {},
      candidates: [
        { endpoint: `unix://${deadSocket}`, source: 'first' },
        { endpoint: `unix://${PODMAN_SOCKET}`, source: 'second' },
      ],
    })
    expect(engine.source).toBe('second')
  })
})
