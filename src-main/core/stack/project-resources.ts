/**
 * The engine objects that belong to a project, found by the Compose v2 labels (so objects made by
 * `docker compose -p <project>` count too), and creating the plan's networks and volumes when missing.
 */
import type Dockerode from 'dockerode'
import { isNotFound } from './engine-error.ts'
import { LABEL_NETWORK, LABEL_PROJECT, LABEL_SERVICE, LABEL_VOLUME, type StackPlan } from './stack-plan.ts'

function projectFilter(project: string, ...more: string[]): { label: string[] } {
  return { label: [`${LABEL_PROJECT}=${project}`, ...more] }
}

/** Every container of the project, running or not. */
export function projectContainers(docker: Dockerode, project: string): Promise<Dockerode.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: projectFilter(project) })
}

/** The project's container for one service (the first one, as we run one replica), if any. */
export async function serviceContainer(
  docker: Dockerode,
  project: string,
  service: string,
): Promise<Dockerode.ContainerInfo | undefined> {
  const found = await docker.listContainers({
    all: true,
    filters: projectFilter(project, `${LABEL_SERVICE}=${service}`),
  })
  return found[0]
}

export async function projectNetworks(docker: Dockerode, project: string): Promise<string[]> {
  const networks = await docker.listNetworks({ filters: projectFilter(project) })
  return networks.map((n) => n.Name).sort()
}

export async function projectVolumes(docker: Dockerode, project: string): Promise<string[]> {
  const { Volumes } = await docker.listVolumes({ filters: projectFilter(project) })
  return (Volumes ?? []).map((v) => v.Name).sort()
}

/** Creates the plan's networks that do not exist yet; returns the names created. */
export async function ensureNetworks(docker: Dockerode, plan: StackPlan): Promise<string[]> {
  const created: string[] = []
  for (const network of plan.networks) {
    if (await exists(() => docker.getNetwork(network.name).inspect())) continue
    await docker.createNetwork({
      Name: network.name,
      Driver: 'bridge',
      CheckDuplicate: true,
      Labels: { [LABEL_PROJECT]: plan.project, [LABEL_NETWORK]: network.key },
    })
    created.push(network.name)
  }
  return created
}

/** Creates the plan's named volumes that do not exist yet; returns the names created. */
export async function ensureVolumes(docker: Dockerode, plan: StackPlan): Promise<string[]> {
  const created: string[] = []
  for (const volume of plan.volumes) {
    if (await exists(() => docker.getVolume(volume.name).inspect())) continue
    await docker.createVolume({
      Name: volume.name,
      Labels: { ...volume.labels, [LABEL_PROJECT]: plan.project, [LABEL_VOLUME]: volume.key },
    })
    created.push(volume.name)
  }
  return created
}

async function exists(inspect: () => Promise<unknown>): Promise<boolean> {
  try {
    await inspect()
    return true
  } catch (err) {
    if (isNotFound(err)) return false
    throw err
  }
}
