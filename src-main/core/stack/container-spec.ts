/**
 * A service of the plan as the engine's container-create request: Compose v2 name and labels, published
 * ports, mounts, healthcheck, restart policy, and its first network with the service name as DNS alias
 * (the other networks are joined after create, which every API version accepts).
 */
import type Dockerode from 'dockerode'
import {
  type Healthcheck,
  LABEL_CONFIG_HASH,
  LABEL_CONTAINER_NUMBER,
  LABEL_ONEOFF,
  LABEL_PROJECT,
  LABEL_SERVICE,
  type ServicePlan,
} from './stack-plan.ts'

const NS_PER_MS = 1_000_000

export function containerCreateOptions(
  project: string,
  service: ServicePlan,
): Dockerode.ContainerCreateOptions {
  const [primaryNetwork] = service.networks
  const portBindings: Record<string, { HostIp: string; HostPort: string }[]> = {}
  const exposedPorts: Record<string, object> = {}
  for (const port of service.ports) {
    const key = `${port.containerPort}/${port.protocol}`
    exposedPorts[key] = {}
    portBindings[key] = [
      ...(portBindings[key] ?? []),
      { HostIp: port.hostIp, HostPort: port.hostPort === 0 ? '' : String(port.hostPort) },
    ]
  }
  return {
    name: service.containerName,
    Image: service.image,
    ...(service.command ? { Cmd: service.command } : {}),
    ...(service.entrypoint ? { Entrypoint: service.entrypoint } : {}),
    Env: Object.entries(service.environment).map(([key, value]) => `${key}=${value}`),
    // down, reset, status and the recreate decision find containers by these: they must be there whatever
    // the plan's labels say.
    Labels: {
      ...service.labels,
      [LABEL_PROJECT]: project,
      [LABEL_SERVICE]: service.name,
      [LABEL_CONTAINER_NUMBER]: '1',
      [LABEL_ONEOFF]: 'False',
      [LABEL_CONFIG_HASH]: service.configHash,
    },
    ExposedPorts: exposedPorts,
    ...(service.healthcheck ? { Healthcheck: healthConfig(service.healthcheck) } : {}),
    HostConfig: {
      PortBindings: portBindings,
      Mounts: service.mounts.map((m) => ({
        Type: m.type,
        Source: m.source,
        Target: m.target,
        ReadOnly: m.readOnly,
      })),
      RestartPolicy: { Name: service.restart === 'no' ? '' : service.restart },
      ...(primaryNetwork ? { NetworkMode: primaryNetwork } : {}),
    },
    ...(primaryNetwork
      ? { NetworkingConfig: { EndpointsConfig: { [primaryNetwork]: endpoint(service) } } }
      : {}),
  }
}

/** How the container joins one of its networks: reachable by its service name, like Compose. */
export function endpoint(service: ServicePlan): Dockerode.EndpointSettings {
  return { Aliases: [service.name] }
}

function healthConfig(check: Healthcheck): Dockerode.HealthConfig {
  return {
    Test: check.test,
    Interval: check.intervalMs * NS_PER_MS,
    Timeout: check.timeoutMs * NS_PER_MS,
    Retries: check.retries,
    StartPeriod: check.startPeriodMs * NS_PER_MS,
  }
}
