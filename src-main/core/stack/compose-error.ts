/**
 * Errors about a compose file, each naming the file, the service and the field at fault, e.g.
 * `/…/docker-compose.yml, service "mongo", ports[0]: "abc" is not a valid port mapping …`.
 */
import { MedallionError } from '../errors.ts'

export type ComposeErrorCode =
  /** The compose file or the env file it was pointed at does not exist. */
  | 'compose_not_found'
  /** Not valid YAML, or a malformed `.env` line. */
  | 'compose_syntax'
  /** A value of the wrong shape or out of range. */
  | 'compose_invalid'
  /** A key or value the compose spec allows but Medallion's orchestrator does not act on. */
  | 'compose_unsupported'
  /** `${VAR:?message}` with VAR unset, or a malformed `${…}`. */
  | 'compose_variable'
  /** depends_on naming an unknown or disabled service, or a cycle. */
  | 'compose_dependency'

/** Where a value sits: the file, the service when inside one, and the field path within it. */
export interface ComposeAt {
  file: string
  service?: string
  field?: string
}

/** The location of a child: `ports` + 0 → `ports[0]`, `healthcheck` + `test` → `healthcheck.test`. */
export function atField(at: ComposeAt, key: string | number): ComposeAt {
  const parent = at.field ?? ''
  if (typeof key === 'number') return { ...at, field: `${parent}[${key}]` }
  return { ...at, field: parent ? `${parent}.${key}` : key }
}

export function describeAt(at: ComposeAt): string {
  const parts = [at.file]
  if (at.service !== undefined) parts.push(`service "${at.service}"`)
  if (at.field) parts.push(at.field)
  return parts.join(', ')
}

export function composeError(code: ComposeErrorCode, at: ComposeAt, message: string): MedallionError {
  return new MedallionError(code, `${describeAt(at)}: ${message}`)
}
