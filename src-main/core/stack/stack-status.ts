/** Each planned service's container as it is now: state, health, published ports, image, uptime. */
import type { StackServiceState, StackServiceStatus } from '../../../src-preload/contract.ts'
import { inspectContainer } from './containers.ts'
import type { Engine } from './engine.ts'
import { LABEL_CONFIG_HASH, type PortBinding, type ServicePlan, type StackPlan } from './stack-plan.ts'

export type ServiceState = StackServiceState
export type ServiceHealth = StackServiceStatus['health']

/**
 * The contract's service status plus the container id. `image` is the container's, or the plan's when
 * there is no container; `ports` what the engine bound when running, else what the plan asks for;
 * `upToDate` false when the next `up` recreates the container (made from another definition).
 */
export interface ServiceStatus extends StackServiceStatus {
  containerId?: string
  ports: PortBinding[]
}

/** A planned service with no container. */
export function missingService(service: ServicePlan): ServiceStatus {
  return {
    service: service.name,
    containerName: service.containerName,
    state: 'missing',
    health: 'none',
    image: service.image,
    ports: service.ports,
    upToDate: false,
  }
}

export async function status(engine: Engine, plan: StackPlan, now = new Date()): Promise<ServiceStatus[]> {
  return Promise.all(
    plan.services.map(async (service): Promise<ServiceStatus> => {
      const info = await inspectContainer(engine.docker, service.containerName)
      if (!info) return missingService(service)
      const running = info.State.Running
      const bound = running ? boundPorts(info.NetworkSettings.Ports) : []
      return {
        service: service.name,
        containerName: service.containerName,
        containerId: info.Id,
        state: containerState(info.State.Status),
        health: healthOf(info.State.Health?.Status),
        ...(running ? {} : { exitCode: info.State.ExitCode }),
        image: info.Config.Image,
        ports: bound.length > 0 ? bound : service.ports,
        ...(running
          ? {
              startedAt: info.State.StartedAt,
              uptimeSeconds: Math.max(
                0,
                Math.round((now.getTime() - Date.parse(info.State.StartedAt)) / 1000),
              ),
            }
          : {}),
        upToDate: info.Config.Labels?.[LABEL_CONFIG_HASH] === service.configHash,
      }
    }),
  )
}

function containerState(status: string): ServiceState {
  const known: ServiceState[] = ['running', 'exited', 'created', 'paused', 'restarting', 'dead', 'removing']
  // Podman says `stopped` or `configured` where Docker says `exited` or `created`.
  if (status === 'stopped') return 'exited'
  if (status === 'configured') return 'created'
  return known.find((s) => s === status) ?? 'dead'
}

function healthOf(status: string | undefined): ServiceHealth {
  if (status === 'healthy' || status === 'unhealthy' || status === 'starting') return status
  return 'none'
}

type EnginePorts = Record<string, { HostIp: string; HostPort: string }[] | null> | undefined

function boundPorts(ports: EnginePorts): PortBinding[] {
  const bindings: PortBinding[] = []
  for (const [key, hosts] of Object.entries(ports ?? {})) {
    const [port, protocol] = key.split('/')
    for (const host of hosts ?? []) {
      bindings.push({
        hostIp: host.HostIp,
        hostPort: Number(host.HostPort),
        containerPort: Number(port),
        protocol: protocol === 'udp' ? 'udp' : 'tcp',
      })
    }
  }
  return bindings
}
