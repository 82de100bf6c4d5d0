/**
 * Pulling a missing image with progress, from a real registry: the distribution registry (built by
 * scripts/setup-podman.sh) on a loopback port with a self-signed certificate the engine trusts through
 * `/etc/containers/certs.d/<host:port>/ca.crt` (read on every pull, unlike registries.conf, which a running
 * Podman service caches). The image pulled has layers no other local image shares.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:https'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../src-main/core/stack/engine.ts'
import { up } from '../src-main/core/stack/stack-up.ts'
import { freePort } from './helpers/ferretdb.ts'
import { ENGINE_LABEL, fixturePlan, PODMAN, removeTestProject, uniqueProject } from './helpers/podman.ts'
import { importTestImage } from './helpers/test-images.ts'

const REGISTRY_BIN = join(
  process.env.MEDALLION_TOOLS_DIR ?? join(homedir(), '.cache/medallion/bin'),
  'registry',
)
const CERTS_D = '/etc/containers/certs.d'

function registrySkipReason(): string {
  if (!PODMAN.engine) return PODMAN.skipReason
  if (!existsSync(REGISTRY_BIN)) return `no registry at ${REGISTRY_BIN} (run scripts/setup-podman.sh)`
  if (process.getuid?.() !== 0) return `trusting the test registry needs root (it writes ${CERTS_D})`
  if (spawnSync('openssl', ['version']).status !== 0) return 'openssl is not installed'
  return ''
}

const SKIP_REASON = registrySkipReason()
if (SKIP_REASON && PODMAN.engine && process.env.CI) throw new Error(`image pull tests: ${SKIP_REASON}`)

// The tests skip when there is no engine; inside them it is there.
const engine = PODMAN.engine as Engine

/** Resolves when the registry answers over TLS with the given CA. */
async function registryAnswers(host: string, ca: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: Number(host.split(':')[1]), path: '/v2/', ca, timeout: 1_000 },
      (res) => {
        res.resume()
        resolve(res.statusCode === 200)
      },
    )
    req.on('error', () => resolve(false))
    req.end()
  })
}

async function followed(stream: NodeJS.ReadableStream): Promise<{ error?: string }[]> {
  return new Promise((resolve, reject) =>
    engine.docker.modem.followProgress(stream, (err, output) => (err ? reject(err) : resolve(output))),
  )
}

describe.skipIf(SKIP_REASON !== '')(`image pull with progress (${SKIP_REASON || ENGINE_LABEL})`, () => {
  const project = uniqueProject('pull')
  const dir = mkdtempSync(join(tmpdir(), 'medallion-registry-'))
  let registry: ChildProcess
  let host: string
  let image: string

  beforeAll(async () => {
    host = `127.0.0.1:${await freePort()}`
    const openssl = spawnSync('openssl', [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'],
      ...[
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
    ])
    if (openssl.status !== 0) throw new Error(`openssl: ${openssl.stderr}`)
    writeFileSync(
      join(dir, 'config.yml'),
      [
        'version: 0.1',
        'log: { level: error }',
        `storage: { filesystem: { rootdirectory: ${join(dir, 'data')} } }`,
        `http: { addr: "${host}", tls: { certificate: ${join(dir, 'cert.pem')}, key: ${join(dir, 'key.pem')} } }`,
      ].join('\n'),
    )
    mkdirSync(join(CERTS_D, host), { recursive: true })
    writeFileSync(join(CERTS_D, host, 'ca.crt'), readFileSync(join(dir, 'cert.pem')))
    registry = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], { stdio: 'ignore' })
    const ca = readFileSync(join(dir, 'cert.pem'))
    for (let i = 0; i < 100 && !(await registryAnswers(host, ca)); i++)
      await new Promise((r) => setTimeout(r, 100))

    // An image only the registry has: imported, pushed, then removed from the engine.
    const repo = `${host}/medallion-test/variant`
    const tag = Math.random().toString(36).slice(2, 8)
    image = `${repo}:${tag}`
    await importTestImage(engine, repo, tag, `variant ${tag}`)
    const pushed = await followed(await engine.docker.getImage(image).push({}))
    expect(pushed.filter((e) => e.error)).toEqual([])
    await engine.docker.getImage(image).remove({ force: true })
  })

  afterAll(async () => {
    await removeTestProject(engine, project)
    await engine.docker
      .getImage(image)
      .remove({ force: true })
      .catch(() => {})
    registry?.kill()
    rmSync(join(CERTS_D, host), { recursive: true, force: true })
    rmSync(dir, { recursive: true, force: true })
  })

  it('pulls the missing image with per-layer progress, then starts the service', async () => {
    const plan = await fixturePlan('pulled.yml', project, { PULL_IMAGE: image })
    const steps: [number, string][] = []
    const result = await up(engine, plan, {
      timeoutMs: 20_000,
      onProgress: (f, step) => steps.push([f, step]),
    })

    expect(result.imagesPulled).toEqual([image])
    const pulling = steps.filter(([, step]) => step.startsWith(`Pulling ${image}: `))
    expect(pulling.length).toBeGreaterThan(1)
    // Podman reports layer counts; Docker adds bytes ("1/2 layers, 0.8 MB of 2.1 MB").
    expect(pulling.at(-2)?.[1]).toMatch(/: \d+\/\d+ layers/)
    expect(pulling.at(-1)?.[1]).toBe(`Pulling ${image}: done`)
    const fractions = pulling.map(([f]) => f)
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    expect(result.services).toEqual([{ name: 'fetched', containerId: expect.any(String), action: 'created' }])
    expect((await engine.docker.getImage(image).inspect()).RepoTags).toContain(image)
  })
})
