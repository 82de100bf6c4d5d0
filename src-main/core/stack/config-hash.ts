/**
 * The hash stamped on a container (com.docker.compose.config-hash): sha256 of the service's resolved
 * definition in a canonical JSON form (object keys sorted), so it changes exactly when something that shapes
 * the container changes, and never with key order or unrelated services.
 */
import { createHash } from 'node:crypto'
import type { ServicePlan } from './stack-plan.ts'

export type HashedDefinition = Pick<
  ServicePlan,
  | 'image'
  | 'containerName'
  | 'command'
  | 'entrypoint'
  | 'environment'
  | 'ports'
  | 'mounts'
  | 'networks'
  | 'healthcheck'
  | 'restart'
> & {
  /** The service's own labels, without the compose labels (which include this hash). */
  labels: Record<string, string>
}

export function configHash(definition: HashedDefinition): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex')
}

/** JSON with object keys sorted at every level and undefined members left out. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`)
    return `{${members.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
