/**
 * The stack through the core and the CLI, on real servers: Podman runs a stack shaped like ours (the test
 * image standing in for each service), and Up then runs the pipeline with the lake on a real MinIO and
 * publishes to a real FerretDB (MINIO_ENDPOINT and MONGO_URL point at them). Status, events, logs, the
 * reset preview, a reset that needs confirmation, and the core going back to the embedded store.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Core, createCore } from '../src-main/core/app-core.ts'
import { dispatch } from '../src-main/core/rpc.ts'
import type { Engine } from '../src-main/core/stack/engine.ts'
import { projectVolumes } from '../src-main/core/stack/project-resources.ts'
import type { StackStatus } from '../src-preload/contract.ts'
import { runCli } from './helpers/cli.ts'
import { FERRETDB_AVAILABLE, freePort, type RunningMongo, startFerretDb } from './helpers/ferretdb.ts'
import { MINIO_AVAILABLE, type RunningMinio, startMinio } from './helpers/minio.ts'
import { ENGINE_LABEL, PODMAN, PODMAN_SOCKET, removeTestProject, uniqueProject } from './helpers/podman.ts'
import { REPO_ROOT, SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'
import { ensureTestImage } from './helpers/test-images.ts'

const engine = PODMAN.engine as Engine
const COMPOSE = join(REPO_ROOT, 'tests/fixtures/stack/medallion-like.yml')
const ready = PODMAN.engine !== undefined && FERRETDB_AVAILABLE && MINIO_AVAILABLE

describe.skipIf(!ready)(`the stack through the core and the CLI (${ENGINE_LABEL}, MinIO, FerretDB)`, () => {
  const project = uniqueProject('core')
  const dataDir = tempDir('medallion-stack-')
  // The stack's credentials go here, not to this machine's own configuration folder.
  const configDir = tempDir('medallion-stack-config-')
  let mongo: RunningMongo
  let minio: RunningMinio
  let env: Record<string, string>
  let core: Core
  const changes: StackStatus[] = []

  beforeAll(async () => {
    ;[mongo, minio] = await Promise.all([
      startFerretDb(),
      startMinio(['sources', 'bronze', 'silver', 'gold']),
    ])
    env = {
      COMPOSE_PROJECT_NAME: project,
      TEST_IMAGE: await ensureTestImage(engine),
      MONGO_PORT: String(await freePort()),
      MINIO_CONSOLE_PORT: String(await freePort()),
      MONGO_URL: mongo.url,
      MONGO_DB: 'stack_test',
      MINIO_ENDPOINT: minio.endpoint,
      MINIO_ACCESS_KEY: minio.accessKey,
      MINIO_SECRET_KEY: minio.secretKey,
    }
    core = createCore({
      dataDir,
      paths: { ...SOURCE_PATHS, composeFile: COMPOSE },
      engineSocket: `unix://${PODMAN_SOCKET}`,
      env,
      configDir,
    })
    core.events.on('stack.changed', (status) => changes.push(status))
  }, 120_000)

  afterAll(async () => {
    await core?.close()
    await removeTestProject(engine, project)
    await Promise.all([mongo?.stop(), minio?.stop()])
  })

  it('Up starts the services in order, runs the pipeline on MinIO and publishes to MongoDB', async () => {
    expect(core.serving.store.kind).toBe('parquet')
    const { task, done } = core.stack.up({ profiles: [], pipeline: true })
    const outcome = await done
    expect(Object.fromEntries(outcome.services.map((s) => [s.name, s.action]))).toEqual({
      mongo: 'created',
      minio: 'created',
      'minio-init': 'created',
      metabase: 'created',
    })
    expect(outcome.runId).toMatch(/^\d{8}T/)
    expect(outcome.publishedDocuments).toBeGreaterThan(20_000)
    expect(outcome.links.minioConsole).toBe(`http://127.0.0.1:${env.MINIO_CONSOLE_PORT}`)
    expect(task.info.progress).toBe(1)
    expect(task.info.logs.join('\n')).toMatch(/engine: podman .* at unix:\/\//)
    // The core moved: the lake is the MinIO one, serving reads MongoDB.
    expect(core.lake.location).toContain(minio.endpoint)
    expect(core.serving.store.kind).toBe('mongo')
    expect((await core.serving.kpis())?.total_achats).toBeGreaterThan(20_000)
    expect(existsSync(join(dataDir, 'stack.json'))).toBe(true)
    // No source, no lake written locally: the runs are on MinIO.
    expect(existsSync(join(dataDir, 'lake', '_runs'))).toBe(false)
  }, 240_000)

  it('status lists each service with health and ports, and events reported the change', async () => {
    const status = await core.stack.status()
    expect(status.active).toBe(true)
    expect(status.engine?.kind).toBe('podman')
    const byName = Object.fromEntries(status.services.map((s) => [s.service, s]))
    expect(byName.mongo).toMatchObject({ state: 'running', health: 'healthy', upToDate: true })
    expect(byName.mongo?.ports[0]).toMatchObject({ hostPort: Number(env.MONGO_PORT), containerPort: 27017 })
    expect(byName['minio-init']).toMatchObject({ state: 'exited', exitCode: 0 })
    await expect.poll(() => changes.length, { timeout: 5_000 }).toBeGreaterThan(0)
    expect(changes.at(-1)?.project).toBe(project)
  })

  it('logs: a service’s lines, searched; an unknown service is refused with the list', async () => {
    const lines = await core.stack.logs({ service: 'minio-init', tail: 50, search: 'BUCKETS' })
    expect(lines.map((l) => l.text)).toEqual(['buckets sources bronze silver gold created'])
    const refused = await dispatch(core.handlers, 'stack.logs', { service: 'nosuch' })
    expect(refused).toMatchObject({ error: { code: 'invalid_input' } })
    expect(JSON.stringify(refused)).toMatch(/services: mongo, minio, minio-init, metabase/)
  })

  it('a reset needs confirm: true; the preview names every container, volume and folder', async () => {
    const unconfirmed = await dispatch(core.handlers, 'stack.reset', { scope: 'volumes' })
    expect(unconfirmed).toMatchObject({ error: { code: 'invalid_input' } })
    const preview = await core.stack.previewReset('data')
    const names = (scope: string) => preview.find((s) => s.scope === scope)?.items.map((i) => i.name) ?? []
    expect(names('containers')).toEqual(expect.arrayContaining([`${project}-mongo-1`, `${project}-minio-1`]))
    expect(names('volumes').sort()).toEqual([`${project}_minio_data`, `${project}_mongo_data`])
    // Only folders that exist are listed: the runs are on MinIO, the local cache holds their layers.
    expect(names('data')).toEqual([join(dataDir, 'lake-cache')])
  })

  it('the CLI shows status, and reset without --yes deletes nothing', async () => {
    const cliEnv = {
      ...process.env,
      ...env,
      DOCKER_HOST: `unix://${PODMAN_SOCKET}`,
      MEDALLION_CONFIG_DIR: configDir,
    }
    const args = ['--data-dir', dataDir, '--compose', COMPOSE]
    const status = await runCli(['status', ...args], cliEnv)
    expect(status.code).toBe(0)
    expect(status.stdout).toMatch(/mongo\s+running\s+healthy\s+127\.0\.0\.1:\d+->27017/)
    expect(status.stdout).toMatch(/lake and serving: on the stack/)
    const preview = await runCli(['reset', '--scope', 'volumes', ...args], cliEnv)
    expect(preview.code).toBe(1)
    expect(preview.stdout).toContain(`volume    ${project}_mongo_data`)
    expect(preview.stdout).toMatch(/nothing was deleted: run again with --yes/)
    expect((await projectVolumes(engine.docker, project)).sort()).toEqual([
      `${project}_minio_data`,
      `${project}_mongo_data`,
    ])
  }, 60_000)

  it('Down keeps the volumes and the core serves the embedded store again', async () => {
    const result = await core.stack.down().done
    expect(result.containersRemoved).toHaveLength(4)
    expect(await projectVolumes(engine.docker, project)).toHaveLength(2)
    expect(existsSync(join(dataDir, 'stack.json'))).toBe(false)
    expect(core.serving.store.kind).toBe('parquet')
    expect((await core.stack.status()).services.every((s) => s.state === 'missing')).toBe(true)
  }, 60_000)
})
