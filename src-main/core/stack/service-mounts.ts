/**
 * A service's `volumes`: the short syntax `SOURCE:TARGET[:ro|rw]`, where a source starting with `.`, `/` or `~`
 * (or a Windows drive) is a host folder and any other is a volume declared at the top level, and the long
 * syntax (`type` volume or bind, `source`, `target`, `read_only`). Host folders are made absolute against the
 * compose file's folder, volumes get their full engine name.
 */
import { homedir } from 'node:os'
import { isAbsolute, resolve } from 'node:path'
import { atField, type ComposeAt, composeError } from './compose-error.ts'
import { checkKeys, expectBoolean, expectList, expectString, isMap } from './compose-shape.ts'
import type { Mount } from './stack-plan.ts'

export interface MountContext {
  /** The compose file's folder, against which relative host paths resolve. */
  baseDir: string
  /** Full engine name of a top-level volume, undefined when the file declares no such volume. */
  volumeName: (key: string) => string | undefined
}

const LONG_SYNTAX_KEYS = ['type', 'source', 'target', 'read_only']
const WINDOWS_DRIVE = /^[A-Za-z]:[\\/]/

export function parseMounts(value: unknown, at: ComposeAt, context: MountContext): Mount[] {
  return expectList(value, at).map((entry, index) => {
    const entryAt = atField(at, index)
    return isMap(entry)
      ? longSyntaxMount(entry, entryAt, context)
      : shortSyntaxMount(expectString(entry, entryAt), entryAt, context)
  })
}

function shortSyntaxMount(spec: string, at: ComposeAt, context: MountContext): Mount {
  const parts = spec.split(':')
  // `C:\data:/data`: the drive's colon is not a separator.
  if (WINDOWS_DRIVE.test(spec)) parts.splice(0, 2, `${parts[0]}:${parts[1]}`)
  if (parts.length === 1) {
    throw composeError(
      'compose_unsupported',
      at,
      `anonymous volume "${spec}" is not supported by Medallion's orchestrator; name it (NAME:${spec}) and declare it under the top-level volumes`,
    )
  }
  if (parts.length > 3) {
    throw composeError(
      'compose_invalid',
      at,
      `"${spec}" is not a valid volume (expected SOURCE:TARGET[:ro|rw])`,
    )
  }
  const [source, target, mode = 'rw'] = parts as [string, string, string?]
  if (mode !== 'ro' && mode !== 'rw') {
    throw composeError(
      'compose_unsupported',
      at,
      `volume mode "${mode}" is not supported by Medallion's orchestrator (ro or rw)`,
    )
  }
  return mount(isHostPath(source) ? 'bind' : 'volume', source, target, mode === 'ro', at, context)
}

function longSyntaxMount(entry: Record<string, unknown>, at: ComposeAt, context: MountContext): Mount {
  checkKeys(entry, LONG_SYNTAX_KEYS, at)
  const type = expectString(entry.type, atField(at, 'type'))
  if (type !== 'volume' && type !== 'bind') {
    throw composeError(
      'compose_unsupported',
      atField(at, 'type'),
      `mount type "${type}" is not supported by Medallion's orchestrator (volume or bind)`,
    )
  }
  const source = expectString(entry.source, atField(at, 'source'))
  const target = expectString(entry.target, atField(at, 'target'))
  const readOnly =
    entry.read_only === undefined ? false : expectBoolean(entry.read_only, atField(at, 'read_only'))
  return mount(type, source, target, readOnly, at, context)
}

function mount(
  type: Mount['type'],
  source: string,
  target: string,
  readOnly: boolean,
  at: ComposeAt,
  context: MountContext,
): Mount {
  if (!target.startsWith('/')) {
    throw composeError('compose_invalid', at, `the container path "${target}" must be absolute`)
  }
  if (type === 'bind') return { type, source: hostPath(source, context.baseDir), target, readOnly }
  const name = context.volumeName(source)
  if (name === undefined) {
    throw composeError(
      'compose_invalid',
      at,
      `volume "${source}" is not declared under the top-level volumes`,
    )
  }
  return { type, source: name, target, readOnly }
}

function isHostPath(source: string): boolean {
  return (
    source.startsWith('.') || source.startsWith('/') || source.startsWith('~') || WINDOWS_DRIVE.test(source)
  )
}

function hostPath(source: string, baseDir: string): string {
  if (source === '~' || source.startsWith('~/')) return resolve(homedir(), source.slice(2))
  return isAbsolute(source) || WINDOWS_DRIVE.test(source) ? source : resolve(baseDir, source)
}
