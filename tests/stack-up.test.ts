/**
 * `up`, `status` and `down` on a real engine (Podman's Docker API): dependency order with health waits, an
 * idempotent second `up`, recreating only what changed, and `down` keeping the volumes.
 */
import { get } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../src-main/core/stack/engine.ts'
import { projectNetworks, projectVolumes } from '../src-main/core/stack/project-resources.ts'
import { down } from '../src-main/core/stack/stack-down.ts'
import type { StackPlan } from '../src-main/core/stack/stack-plan.ts'
import { status } from '../src-main/core/stack/stack-status.ts'
import { type UpResult, up } from '../src-main/core/stack/stack-up.ts'
import { freePort } from './helpers/ferretdb.ts'
import { ENGINE_LABEL, fixturePlan, PODMAN, removeTestProject, uniqueProject } from './helpers/podman.ts'
import { ensureTestImage } from './helpers/test-images.ts'

// The tests skip when there is no engine; inside them it is there.
const engine = PODMAN.engine as Engine

/** Engine timestamps carry nanoseconds; milliseconds are enough to order events. */
function ms(timestamp: string): number {
  return Date.parse(timestamp.replace(/(\.\d{3})\d+/, '$1'))
}

function actions(result: UpResult): Record<string, string> {
  return Object.fromEntries(result.services.map((s) => [s.name, s.action]))
}

function ids(result: UpResult): Record<string, string> {
  return Object.fromEntries(result.services.map((s) => [s.name, s.containerId]))
}

function httpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = ''
      res.on('data', (chunk) => {
        body += chunk
      })
      res.on('end', () => resolve(body))
    }).on('error', reject)
  })
}

describe.skipIf(!PODMAN.engine)(`stack up and down (${ENGINE_LABEL})`, () => {
  const project = uniqueProject('up')
  const options = { timeoutMs: 30_000, stopTimeoutSeconds: 0 }
  let env: Record<string, string>
  let plan: StackPlan
  let first: UpResult

  beforeAll(async () => {
    env = { TEST_IMAGE: await ensureTestImage(engine), WEB_PORT: String(await freePort()) }
    plan = await fixturePlan('ordered.yml', project, env)
  })

  afterAll(async () => {
    await removeTestProject(engine, project)
  })

  it('starts the services in dependency order, each once its dependencies meet their condition', async () => {
    const fractions: number[] = []
    first = await up(engine, plan, { ...options, onProgress: (fraction) => fractions.push(fraction) })

    expect(first.services.map((s) => s.name)).toEqual(['db', 'init', 'web'])
    expect(actions(first)).toEqual({ db: 'created', init: 'created', web: 'created' })
    expect(first.networksCreated).toEqual([`${project}_default`])
    expect(first.volumesCreated).toEqual([`${project}_db_data`])
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    expect(fractions.at(-1)).toBe(1)

    const [db, init, web] = await Promise.all(
      ['db', 'init', 'web'].map((name) => engine.docker.getContainer(`${project}-${name}-1`).inspect()),
    )
    const dbHealthyAt = db?.State.Health?.Log?.find((check) => check.ExitCode === 0)?.End
    expect(dbHealthyAt).toBeDefined()
    // init waited for db to be healthy; web waited for init to finish with code 0.
    expect(ms(init?.State.StartedAt ?? '')).toBeGreaterThanOrEqual(ms(dbHealthyAt ?? ''))
    expect(init?.State.ExitCode).toBe(0)
    expect(ms(web?.State.StartedAt ?? '')).toBeGreaterThanOrEqual(ms(init?.State.FinishedAt ?? ''))
    // up waited for web's healthcheck, which reaches db by its service name on the project network.
    expect(web?.State.Health?.Status).toBe('healthy')
    expect(web?.Config.Labels).toMatchObject({
      'com.docker.compose.project': project,
      'com.docker.compose.service': 'web',
      'com.docker.compose.config-hash': plan.services[2]?.configHash,
    })
    expect(await httpGet(`http://127.0.0.1:${env.WEB_PORT}/health`)).toBe('ok\n')
  })

  it('leaves a running stack alone on a second up: no container is recreated', async () => {
    const again = await up(engine, plan, options)
    expect(ids(again)).toEqual(ids(first))
    // The one-shot init had exited: up runs it again (as docker compose does), in the same container.
    expect(actions(again)).toEqual({ db: 'unchanged', init: 'started', web: 'unchanged' })
  })

  it('recreates only the service whose definition changed', async () => {
    const changed = await fixturePlan('ordered.yml', project, { ...env, GREETING: 'bonjour' })
    const result = await up(engine, changed, options)
    expect(actions(result)).toEqual({ db: 'unchanged', init: 'started', web: 'recreated' })
    expect(ids(result).db).toBe(ids(first).db)
    expect(ids(result).web).not.toBe(ids(first).web)
    const web = await engine.docker.getContainer(`${project}-web-1`).inspect()
    expect(web.Config.Env).toContain('GREETING=bonjour')
    plan = changed
  })

  it('starts a stopped service again without recreating it', async () => {
    const webId = (await engine.docker.getContainer(`${project}-web-1`).inspect()).Id
    await engine.docker.getContainer(webId).stop({ t: 0 })
    const result = await up(engine, plan, options)
    expect(actions(result).web).toBe('started')
    expect(ids(result).web).toBe(webId)
  })

  it('reports each service: state, health, exit code, ports, image, uptime, up to date', async () => {
    const services = await status(engine, plan)
    const byName = Object.fromEntries(services.map((s) => [s.service, s]))
    expect(byName.db).toMatchObject({
      state: 'running',
      health: 'healthy',
      upToDate: true,
      image: env.TEST_IMAGE,
    })
    expect(byName.init).toMatchObject({ state: 'exited', exitCode: 0, health: 'none', upToDate: true })
    expect(byName.web?.ports).toEqual([
      { hostIp: '127.0.0.1', hostPort: Number(env.WEB_PORT), containerPort: 8080, protocol: 'tcp' },
    ])
    expect(byName.web?.uptimeSeconds).toBeGreaterThanOrEqual(0)
    expect(byName.db?.uptimeSeconds).toBeGreaterThanOrEqual(byName.web?.uptimeSeconds ?? 0)

    // The same plan with another greeting: web's container no longer matches it.
    const other = await fixturePlan('ordered.yml', project, { ...env, GREETING: 'hola' })
    expect((await status(engine, other)).find((s) => s.service === 'web')?.upToDate).toBe(false)
  })

  it('down removes the containers and the network and keeps the volumes', async () => {
    const result = await down(engine, project, { stopTimeoutSeconds: 0 })
    expect(result.containersRemoved.sort()).toEqual([
      `${project}-db-1`,
      `${project}-init-1`,
      `${project}-web-1`,
    ])
    expect(result.networksRemoved).toEqual([`${project}_default`])
    expect((await status(engine, plan)).map((s) => s.state)).toEqual(['missing', 'missing', 'missing'])
    expect(await projectNetworks(engine.docker, project)).toEqual([])
    expect(await projectVolumes(engine.docker, project)).toEqual([`${project}_db_data`])
  })
})
