/**
 * How `up` fails, on a real engine: a service that never gets healthy (timeout, or unhealthy) or a job that
 * exits with an error fails with its last log lines; a missing image that cannot be pulled names the service and the image; a host port in use
 * names the service and the port, before any container is created.
 */
import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MedallionError } from '../src-main/core/errors.ts'
import { containerCreateOptions } from '../src-main/core/stack/container-spec.ts'
import type { Engine } from '../src-main/core/stack/engine.ts'
import { mapPortError } from '../src-main/core/stack/host-ports.ts'
import { ensureNetworks, projectContainers } from '../src-main/core/stack/project-resources.ts'
import { up } from '../src-main/core/stack/stack-up.ts'
import { freePort } from './helpers/ferretdb.ts'
import { ENGINE_LABEL, fixturePlan, PODMAN, removeTestProject, uniqueProject } from './helpers/podman.ts'
import { ensureTestImage } from './helpers/test-images.ts'

// The tests skip when there is no engine; inside them it is there.
const engine = PODMAN.engine as Engine

async function upError(promise: Promise<unknown>): Promise<MedallionError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(MedallionError)
  return err as MedallionError
}

describe.skipIf(!PODMAN.engine)(`stack up failures (${ENGINE_LABEL})`, () => {
  const projects: string[] = []
  let image: string

  function project(prefix: string): string {
    const name = uniqueProject(prefix)
    projects.push(name)
    return name
  }

  beforeAll(async () => {
    image = await ensureTestImage(engine)
  })

  afterAll(async () => {
    for (const name of projects) await removeTestProject(engine, name)
  })

  it('fails a service that is not healthy in time, quoting its last log lines', async () => {
    const plan = await fixturePlan('failing.yml', project('slow'), { TEST_IMAGE: image, RETRIES: '100' })
    const started = Date.now()
    const err = await upError(up(engine, plan, { timeoutMs: 2_500, stopTimeoutSeconds: 0 }))
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(err.code).toBe('service_timeout')
    expect(err.message).toContain(
      `Service "stuck" (container ${plan.project}-stuck-1) was not healthy after 2.5 s`,
    )
    expect(err.message).toContain('health: starting')
    expect(err.message).toContain('stuck-marker-out')
    expect(err.message).toContain('stuck-marker-err')
  })

  it('fails at once when a service turns unhealthy, with its last check and log lines', async () => {
    const plan = await fixturePlan('failing.yml', project('sick'), { TEST_IMAGE: image, RETRIES: '1' })
    const err = await upError(up(engine, plan, { timeoutMs: 30_000, stopTimeoutSeconds: 0 }))
    expect(err.code).toBe('service_unhealthy')
    expect(err.message).toContain('Service "stuck"')
    expect(err.message).toContain('last check exited 1')
    expect(err.message).toContain('stuck-marker-out')
  })

  it('fails a dependent when the job it needs exits with an error, and does not start it', async () => {
    const plan = await fixturePlan('failed-init.yml', project('job'), { TEST_IMAGE: image })
    const err = await upError(up(engine, plan, { timeoutMs: 30_000, stopTimeoutSeconds: 0 }))
    expect(err.code).toBe('service_exited')
    expect(err.message).toContain(`Service "job" (container ${plan.project}-job-1) exited with code 3.`)
    expect(err.message).toContain('job-marker')
    const names = (await projectContainers(engine.docker, plan.project)).map((c) => c.Names[0])
    expect(names).toEqual([`/${plan.project}-job-1`])
  })

  it('names the service and the image when a missing image cannot be pulled', async () => {
    const plan = await fixturePlan('missing-image.yml', project('ghost'), {})
    const err = await upError(up(engine, plan, { timeoutMs: 10_000 }))
    expect(err.code).toBe('image_unavailable')
    expect(err.message).toContain('Service "ghost" needs image "127.0.0.1:9/medallion-test/missing:never"')
    expect(await projectContainers(engine.docker, plan.project)).toEqual([])
  })

  describe('a host port already in use', () => {
    let holder: Server
    let port: number

    beforeAll(async () => {
      port = await freePort()
      holder = createServer()
      await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve))
    })

    afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())))

    it('fails naming the service and the port, before creating the container', async () => {
      const plan = await fixturePlan('single.yml', project('port'), {
        TEST_IMAGE: image,
        APP_PORT: String(port),
      })
      const err = await upError(up(engine, plan, { timeoutMs: 10_000 }))
      expect(err.code).toBe('port_in_use')
      expect(err.message).toContain(
        `Service "app" publishes host port ${port} (127.0.0.1:${port} → 8080/tcp)`,
      )
      expect(await projectContainers(engine.docker, plan.project)).toEqual([])
    })

    it("maps the engine's own error to the same message when the port is taken after the check", async () => {
      const plan = await fixturePlan('single.yml', project('race'), {
        TEST_IMAGE: image,
        APP_PORT: String(port),
      })
      const [service] = plan.services
      if (!service) throw new Error('single.yml has one service')
      await ensureNetworks(engine.docker, plan)
      // Created without up's check, as if the port had been taken between the check and the start.
      const container = await engine.docker.createContainer(containerCreateOptions(plan.project, service))
      const engineError = await container.start().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(engineError).toBeDefined()
      const mapped = mapPortError(service, engineError)
      expect(mapped?.code).toBe('port_in_use')
      expect(mapped?.message).toContain(`Service "app" publishes host port ${port}`)
    })
  })
})
