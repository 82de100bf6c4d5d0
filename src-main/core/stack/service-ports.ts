/**
 * A service's `ports`: the short syntax `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` (ports may be equal
 * ranges such as `9000-9001:9000-9001`, an IPv6 host address goes in brackets) and the long syntax
 * (`target`, `published`, `host_ip`, `protocol`). A port published without a host port gets host port 0,
 * which means the engine picks a free one.
 */
import { atField, type ComposeAt, composeError } from './compose-error.ts'
import { checkKeys, describeValue, expectList, isMap, scalarText } from './compose-shape.ts'
import type { PortBinding, ServicePlan } from './stack-plan.ts'

const ANY_HOST_IP = '0.0.0.0'
const SHORT_SYNTAX = '[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], e.g. "127.0.0.1:9000:9000"'
// `name`, `app_protocol` and `mode` only label a port or matter to Swarm: nothing to do for a single engine.
const LONG_SYNTAX_KEYS = ['target', 'published', 'host_ip', 'protocol', 'name', 'app_protocol', 'mode']

export function parsePorts(value: unknown, at: ComposeAt): PortBinding[] {
  return expectList(value, at).flatMap((entry, index) => {
    const entryAt = atField(at, index)
    return isMap(entry)
      ? longSyntaxPort(entry, entryAt)
      : shortSyntaxPorts(scalarText(entry, entryAt), entryAt)
  })
}

function shortSyntaxPorts(spec: string, at: ComposeAt): PortBinding[] {
  const invalid = () =>
    composeError('compose_invalid', at, `"${spec}" is not a valid port (expected ${SHORT_SYNTAX})`)
  const slash = spec.lastIndexOf('/')
  const protocol = protocolOf(slash < 0 ? 'tcp' : spec.slice(slash + 1), at)
  let rest = slash < 0 ? spec : spec.slice(0, slash)

  let hostIp = ANY_HOST_IP
  const bracketed = /^\[([^\]]+)\]:/.exec(rest)
  if (bracketed) {
    hostIp = bracketed[1] as string
    rest = rest.slice(bracketed[0].length)
  }
  const parts = rest.split(':')
  if (parts.length === 3 && !bracketed) hostIp = parts.shift() as string
  if (parts.length > 2 || hostIp === '') throw invalid()
  const containerPorts = portRange(parts.at(-1) as string)
  const hostText = parts.length === 2 ? (parts[0] as string) : ''
  const hostPorts = hostText === '' ? undefined : portRange(hostText)
  if (containerPorts === undefined || (hostText !== '' && hostPorts?.length !== containerPorts.length))
    throw invalid()
  return containerPorts.map((containerPort, i) => ({
    hostIp,
    hostPort: hostPorts?.[i] ?? 0,
    containerPort,
    protocol,
  }))
}

/** `9000` → [9000], `9000-9002` → [9000, 9001, 9002]; undefined when the text is neither. */
function portRange(text: string): number[] | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text)
  if (!match) return undefined
  const first = Number(match[1])
  const last = match[2] === undefined ? first : Number(match[2])
  if (!isPort(first) || !isPort(last) || last < first) return undefined
  return Array.from({ length: last - first + 1 }, (_, i) => first + i)
}

function longSyntaxPort(entry: Record<string, unknown>, at: ComposeAt): PortBinding[] {
  checkKeys(entry, LONG_SYNTAX_KEYS, at)
  const containerPort = portNumber(entry.target, atField(at, 'target'))
  const { published } = entry
  const unpublished = published === undefined || published === null || published === ''
  const hostPort = unpublished ? 0 : portNumber(published, atField(at, 'published'))
  const hostIp = entry.host_ip === undefined ? ANY_HOST_IP : scalarText(entry.host_ip, atField(at, 'host_ip'))
  const protocol = protocolOf(
    entry.protocol === undefined ? 'tcp' : scalarText(entry.protocol, atField(at, 'protocol')),
    at,
  )
  return [{ hostIp, hostPort, containerPort, protocol }]
}

function portNumber(value: unknown, at: ComposeAt): number {
  const port = typeof value === 'number' || typeof value === 'string' ? Number(value) : Number.NaN
  if (!isPort(port)) {
    throw composeError(
      'compose_invalid',
      at,
      `expected a port from 1 to 65535, found ${describeValue(value)}`,
    )
  }
  return port
}

function protocolOf(text: string, at: ComposeAt): PortBinding['protocol'] {
  const protocol = text.toLowerCase()
  if (protocol === 'tcp' || protocol === 'udp') return protocol
  throw composeError(
    'compose_unsupported',
    at,
    `protocol "${text}" is not supported by Medallion's orchestrator (tcp or udp)`,
  )
}

function isPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535
}

/**
 * Two services publishing the same host port would fail at start (the original stack published 8081 twice):
 * caught here, with both services named.
 */
export function checkHostPortConflicts(services: readonly ServicePlan[], file: string): void {
  const published = new Map<string, { service: string; hostIp: string }[]>()
  for (const service of services) {
    for (const port of service.ports) {
      if (port.hostPort === 0) continue
      const key = `${port.hostPort}/${port.protocol}`
      const others = published.get(key) ?? []
      const clash = others.find(
        (other) => other.hostIp === port.hostIp || isAnyAddress(other.hostIp) || isAnyAddress(port.hostIp),
      )
      if (clash) {
        throw composeError(
          'compose_invalid',
          { file, service: service.name, field: 'ports' },
          `host port ${key} is already published by service "${clash.service}"`,
        )
      }
      published.set(key, [...others, { service: service.name, hostIp: port.hostIp }])
    }
  }
}

function isAnyAddress(hostIp: string): boolean {
  return hostIp === ANY_HOST_IP || hostIp === '::' || hostIp === ''
}
