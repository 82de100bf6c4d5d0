/**
 * Checks on the raw values parsed from YAML: each returns the value in the shape asked for, or throws an error
 * naming where it sits and what was found instead.
 */
import { atField, type ComposeAt, composeError } from './compose-error.ts'

export type YamlMap = Record<string, unknown>

export function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (isMap(value)) return 'a mapping'
  if (typeof value === 'string') return `"${value}"`
  return String(value)
}

function wrongShape(at: ComposeAt, expected: string, value: unknown): Error {
  return composeError('compose_invalid', at, `expected ${expected}, found ${describeValue(value)}`)
}

export function expectMap(value: unknown, at: ComposeAt): YamlMap {
  if (!isMap(value)) throw wrongShape(at, 'a mapping', value)
  return value
}

export function expectList(value: unknown, at: ComposeAt): unknown[] {
  if (!Array.isArray(value)) throw wrongShape(at, 'a list', value)
  return value
}

export function expectString(value: unknown, at: ComposeAt): string {
  if (typeof value !== 'string' || value === '') throw wrongShape(at, 'a non-empty string', value)
  return value
}

/** A string, number or boolean as text: YAML reads `PORT: 5432` as a number where compose wants a string. */
export function scalarText(value: unknown, at: ComposeAt): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value)
  throw wrongShape(at, 'a string or a number', value)
}

export function expectInteger(
  value: unknown,
  at: ComposeAt,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw wrongShape(at, `a whole number from ${min} to ${max}`, value)
  }
  return number
}

export function expectBoolean(value: unknown, at: ComposeAt): boolean {
  if (typeof value !== 'boolean') throw wrongShape(at, 'true or false', value)
  return value
}

/** A list of scalars as text, e.g. a command or profiles. */
export function textList(value: unknown, at: ComposeAt): string[] {
  return expectList(value, at).map((item, index) => scalarText(item, atField(at, index)))
}

/**
 * Rejects keys Medallion does not act on, so a file never silently means less than it says.
 * `x-*` extension keys are free-form by the compose spec and always allowed.
 */
export function checkKeys(map: YamlMap, supported: readonly string[], at: ComposeAt): void {
  for (const key of Object.keys(map)) {
    if (key.startsWith('x-') || supported.includes(key)) continue
    const allowed =
      supported.length > 0 ? `supported here: ${supported.join(', ')}` : 'no settings are supported here'
    throw composeError(
      'compose_unsupported',
      at,
      `"${key}" is not supported by Medallion's orchestrator (${allowed})`,
    )
  }
}

/**
 * `environment` and `labels`: a mapping, or a list of `KEY=VALUE`. A key without a value (`- KEY`, or
 * `KEY:` with nothing) gets `valueOfBareKey(key)`, and is left out when that is undefined.
 */
export function keyValues(
  value: unknown,
  at: ComposeAt,
  valueOfBareKey: (key: string) => string | undefined,
): Record<string, string> {
  const result: Record<string, string> = {}
  const put = (key: string, text: string | undefined) => {
    if (text !== undefined) result[key] = text
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const entry = expectString(item, atField(at, index))
      const equals = entry.indexOf('=')
      if (equals === 0) throw composeError('compose_invalid', atField(at, index), `"${entry}" has no name`)
      if (equals < 0) put(entry, valueOfBareKey(entry))
      else put(entry.slice(0, equals), entry.slice(equals + 1))
    })
    return result
  }
  for (const [key, raw] of Object.entries(expectMap(value, at))) {
    put(key, raw === null ? valueOfBareKey(key) : scalarText(raw, atField(at, key)))
  }
  return result
}
