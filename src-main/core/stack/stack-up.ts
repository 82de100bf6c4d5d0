/**
 * `up`: networks and volumes, missing images pulled, then each service created and started in plan order
 * once what it depends on meets its condition; finally every service with a healthcheck is waited for.
 * Like `docker compose up`, a service whose container runs with the same config hash is left alone, a
 * stopped one is started again, and only a service whose hash changed is recreated.
 */
import { mkdir } from 'node:fs/promises'
import type Dockerode from 'dockerode'
import { MedallionError } from '../errors.ts'
import { containerCreateOptions, endpoint } from './container-spec.ts'
import { DEFAULT_STOP_TIMEOUT_SECONDS, inspectContainer, stopAndRemove } from './containers.ts'
import type { Engine } from './engine.ts'
import { engineReason } from './engine-error.ts'
import { assertHostPortsFree, mapPortError } from './host-ports.ts'
import { ensureImages } from './image-pull.ts'
import { type LogCallback, type ProgressCallback, progressSlice } from './progress.ts'
import { ensureNetworks, ensureVolumes } from './project-resources.ts'
import { waitForCondition } from './service-readiness.ts'
import {
  type DependencyCondition,
  LABEL_CONFIG_HASH,
  LABEL_PROJECT,
  type ServicePlan,
  type StackPlan,
} from './stack-plan.ts'

export interface UpOptions {
  onProgress?: ProgressCallback
  onLog?: LogCallback
  signal?: AbortSignal
  /** Longest wait for one service to meet a condition (default 5 minutes: Metabase starts slowly). */
  timeoutMs?: number
  /** Grace period of a container stopped to be recreated (default 10 s). */
  stopTimeoutSeconds?: number
  /** Wait at the end until every service with a healthcheck is healthy (default true). */
  waitHealthy?: boolean
}

export type ServiceAction = 'created' | 'recreated' | 'started' | 'unchanged'

export interface UpResult {
  services: { name: string; containerId: string; action: ServiceAction }[]
  networksCreated: string[]
  volumesCreated: string[]
  imagesPulled: string[]
}

const DEFAULT_TIMEOUT_MS = 300_000
/** Progress shares: resources up to 2 %, pulls up to 40 %, services the rest. */
const RESOURCES_DONE = 0.02
const PULLS_DONE = 0.4

export async function up(engine: Engine, plan: StackPlan, options: UpOptions = {}): Promise<UpResult> {
  const { onProgress, onLog, signal } = options
  const wait = { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, ...(signal ? { signal } : {}) }
  onProgress?.(0, 'Creating networks and volumes')
  const networksCreated = await ensureNetworks(engine.docker, plan)
  const volumesCreated = await ensureVolumes(engine.docker, plan)
  for (const name of [...networksCreated, ...volumesCreated]) onLog?.(`Created ${name}`)
  onProgress?.(RESOURCES_DONE, 'Checking images')
  const imagesPulled = await ensureImages(engine.docker, plan, {
    onProgress: progressSlice(onProgress, RESOURCES_DONE, PULLS_DONE),
    ...(signal ? { signal } : {}),
  })
  for (const image of imagesPulled) onLog?.(`Pulled ${image}`)

  const containerIds = new Map<string, string>()
  const met = new Set<string>()
  const meet = async (service: ServicePlan, condition: DependencyCondition) => {
    const key = `${service.name} ${condition}`
    if (met.has(key)) return
    const containerId = containerIds.get(service.name)
    if (!containerId) {
      throw new MedallionError(
        'plan_order',
        `Service "${service.name}" is needed before it is started: the plan is out of order.`,
      )
    }
    await waitForCondition(engine, service, containerId, condition, wait)
    met.add(key)
  }
  const serviceShare = (1 - PULLS_DONE) / Math.max(1, plan.services.length)
  const results: UpResult['services'] = []
  for (const [index, service] of plan.services.entries()) {
    const at = PULLS_DONE + index * serviceShare
    for (const dependency of service.dependsOn) {
      onProgress?.(at, `Waiting for ${dependency.service} (${dependency.condition.replace('service_', '')})`)
      await meet(requiredService(plan, service, dependency.service), dependency.condition)
    }
    onProgress?.(at, `Starting ${service.name}`)
    const result = await bringUp(
      engine,
      plan,
      service,
      options.stopTimeoutSeconds ?? DEFAULT_STOP_TIMEOUT_SECONDS,
    )
    containerIds.set(service.name, result.containerId)
    results.push({ name: service.name, ...result })
    onLog?.(`${service.containerName}: ${result.action}`)
  }
  if (options.waitHealthy ?? true) {
    for (const service of plan.services.filter((s) => s.healthcheck)) {
      onProgress?.(0.99, `Waiting for ${service.name} to be healthy`)
      await meet(service, 'service_healthy')
    }
  }
  onProgress?.(1, 'Stack is up')
  return { services: results, networksCreated, volumesCreated, imagesPulled }
}

function requiredService(plan: StackPlan, dependent: ServicePlan, name: string): ServicePlan {
  const found = plan.services.find((s) => s.name === name)
  if (!found) {
    throw new MedallionError(
      'missing_dependency',
      `Service "${dependent.name}" depends on "${name}", which is not part of this stack (is its profile enabled?).`,
    )
  }
  return found
}

async function bringUp(
  engine: Engine,
  plan: StackPlan,
  service: ServicePlan,
  stopTimeoutSeconds: number,
): Promise<{ containerId: string; action: ServiceAction }> {
  const { docker } = engine
  const existing = await inspectContainer(docker, service.containerName)
  if (existing) {
    if (existing.Config.Labels?.[LABEL_PROJECT] !== plan.project) {
      throw new MedallionError(
        'container_name_conflict',
        `Service "${service.name}" needs the container name "${service.containerName}", but a container of ` +
          `another project already has it. Remove or rename that container.`,
      )
    }
    if (existing.Config.Labels?.[LABEL_CONFIG_HASH] === service.configHash) {
      if (existing.State.Running) return { containerId: existing.Id, action: 'unchanged' }
      await assertHostPortsFree(engine, service)
      await start(docker.getContainer(existing.Id), service)
      return { containerId: existing.Id, action: 'started' }
    }
    await stopAndRemove(docker, existing.Id, stopTimeoutSeconds)
  }
  await createBindSources(service)
  await assertHostPortsFree(engine, service)
  const container = await create(docker, plan.project, service)
  await start(container, service)
  return { containerId: container.id, action: existing ? 'recreated' : 'created' }
}

/** Compose creates a missing host folder of a bind mount; the Engine API's Mounts would refuse it. */
async function createBindSources(service: ServicePlan): Promise<void> {
  for (const mount of service.mounts) {
    if (mount.type === 'bind') await mkdir(mount.source, { recursive: true })
  }
}

async function create(
  docker: Dockerode,
  project: string,
  service: ServicePlan,
): Promise<Dockerode.Container> {
  let container: Dockerode.Container
  try {
    container = await docker.createContainer(containerCreateOptions(project, service))
  } catch (err) {
    throw new MedallionError(
      'container_create_failed',
      `Could not create container ${service.containerName} for service "${service.name}" (image ${service.image}): ${engineReason(err)}`,
    )
  }
  for (const network of service.networks.slice(1)) {
    await docker.getNetwork(network).connect({ Container: container.id, EndpointConfig: endpoint(service) })
  }
  return container
}

async function start(container: Dockerode.Container, service: ServicePlan): Promise<void> {
  try {
    await container.start()
  } catch (err) {
    throw (
      mapPortError(service, err) ??
      new MedallionError(
        'container_start_failed',
        `Could not start container ${service.containerName} of service "${service.name}": ${engineReason(err)}`,
      )
    )
  }
}
