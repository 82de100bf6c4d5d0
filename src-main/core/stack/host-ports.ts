/**
 * Published host ports: checked free before a container is created (the engine's own error comes late and
 * is worded differently by Docker and Podman), and the engine's error mapped to the same message when the
 * port is taken between the check and the start.
 */
import { createSocket } from 'node:dgram'
import { createServer } from 'node:net'
import { MedallionError } from '../errors.ts'
import type { Engine } from './engine.ts'
import { engineReason, isPortInUseError } from './engine-error.ts'
import type { PortBinding, ServicePlan } from './stack-plan.ts'

/** Fails with `port_in_use` naming the service and the port when one of its host ports is taken. */
export async function assertHostPortsFree(engine: Engine, service: ServicePlan): Promise<void> {
  // A remote engine publishes on another machine: this machine's ports say nothing about it.
  if (!isLocalEngine(engine)) return
  for (const binding of service.ports) {
    if (binding.hostPort === 0) continue
    if (await portTaken(binding)) throw portInUseError(service, binding)
  }
}

/** The engine refused to bind a port: the same error as the check's, naming the port when it can tell. */
export function mapPortError(service: ServicePlan, err: unknown): MedallionError | undefined {
  if (!isPortInUseError(err)) return undefined
  const reason = engineReason(err)
  const binding = service.ports.find((p) => reason.includes(`:${p.hostPort}`)) ?? service.ports[0]
  return binding ? portInUseError(service, binding, reason) : undefined
}

function portInUseError(service: ServicePlan, binding: PortBinding, engineSays?: string): MedallionError {
  const where = `${binding.hostIp || '0.0.0.0'}:${binding.hostPort}`
  return new MedallionError(
    'port_in_use',
    `Service "${service.name}" publishes host port ${binding.hostPort} (${where} → ${binding.containerPort}/${binding.protocol}), ` +
      `but that port is already in use on this machine. Stop what uses it, or change the port in the compose file or its .env.` +
      (engineSays ? ` (engine: ${engineSays})` : ''),
  )
}

function isLocalEngine(engine: Engine): boolean {
  if (!engine.endpoint.startsWith('tcp://')) return true
  const host = new URL(engine.endpoint).hostname
  return host === 'localhost' || host.startsWith('127.') || host === '[::1]'
}

/** True when binding the port fails because something holds it; other failures are left to the engine. */
async function portTaken(binding: PortBinding): Promise<boolean> {
  const host = binding.hostIp || '0.0.0.0'
  try {
    await (binding.protocol === 'udp' ? bindUdp(host, binding.hostPort) : bindTcp(host, binding.hostPort))
    return false
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EADDRINUSE'
  }
}

function bindTcp(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()))
  })
}

function bindUdp(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4')
    socket.once('error', reject)
    socket.bind(port, host, () => socket.close(() => resolve()))
  })
}
