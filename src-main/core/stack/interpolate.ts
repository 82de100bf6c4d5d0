/**
 * Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`,
 * `${VAR?error}`, `${VAR:+alternative}`, `${VAR+alternative}`, nested in the default or message, and `$$` for a
 * literal `$`. With a colon the operator treats an empty value like an unset one. A `$` not followed by a name
 * or `{` stays as it is; an unset variable without a default becomes empty, as in compose.
 */
import { atField, type ComposeAt, composeError } from './compose-error.ts'
import { isMap } from './compose-shape.ts'

export type VariableLookup = (name: string) => string | undefined

/** A `?` operator met an unset variable, or a `${…}` is malformed. */
export class InterpolationError extends Error {
  override name = 'InterpolationError'
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/

export function interpolate(text: string, lookup: VariableLookup): string {
  let out = ''
  let pos = 0
  while (pos < text.length) {
    const dollar = text.indexOf('$', pos)
    if (dollar < 0) return out + text.slice(pos)
    out += text.slice(pos, dollar)
    const next = text[dollar + 1]
    if (next === '$') {
      out += '$'
      pos = dollar + 2
    } else if (next === '{') {
      const close = closingBrace(text, dollar + 2)
      if (close < 0) throw new InterpolationError(`"\${" without its closing "}" in "${text}"`)
      out += expandBraced(text.slice(dollar + 2, close), lookup)
      pos = close + 1
    } else {
      const name = NAME.exec(text.slice(dollar + 1))?.[0]
      out += name === undefined ? '$' : (lookup(name) ?? '')
      pos = dollar + 1 + (name?.length ?? 0)
    }
  }
  return out
}

/** Index of the `}` closing a `${` whose body starts at `from`, skipping nested `${…}` and `$$`. */
function closingBrace(text: string, from: number): number {
  let depth = 1
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && (text[i + 1] === '$' || text[i + 1] === '{')) {
      if (text[i + 1] === '{') depth++
      i++
    } else if (text[i] === '}' && --depth === 0) {
      return i
    }
  }
  return -1
}

function expandBraced(body: string, lookup: VariableLookup): string {
  const name = NAME.exec(body)?.[0]
  const operator = name === undefined ? undefined : /^:?[-?+]|^$/.exec(body.slice(name.length))?.[0]
  if (name === undefined || operator === undefined) {
    throw new InterpolationError(`"\${${body}}" is not a valid variable reference`)
  }
  const value = lookup(name)
  if (operator === '') return value ?? ''
  const argument = body.slice(name.length + operator.length)
  const present = operator.startsWith(':') ? value !== undefined && value !== '' : value !== undefined
  switch (operator.at(-1)) {
    case '-':
      return present ? (value ?? '') : interpolate(argument, lookup)
    case '+':
      return present ? interpolate(argument, lookup) : ''
    default: {
      if (present) return value ?? ''
      const reason =
        interpolate(argument, lookup) || (operator === ':?' ? 'it is unset or empty' : 'it is unset')
      throw new InterpolationError(`required variable ${name} is missing a value: ${reason}`)
    }
  }
}

/**
 * Interpolates every string value of a parsed compose file (keys are left alone, as in compose). Errors name
 * the file, the service and the field holding the bad string.
 */
export function interpolateComposeTree(tree: unknown, lookup: VariableLookup, at: ComposeAt): unknown {
  if (typeof tree === 'string') {
    try {
      return interpolate(tree, lookup)
    } catch (err) {
      if (err instanceof InterpolationError) throw composeError('compose_variable', at, err.message)
      throw err
    }
  }
  if (Array.isArray(tree))
    return tree.map((item, index) => interpolateComposeTree(item, lookup, atField(at, index)))
  if (!isMap(tree)) return tree
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(tree)) {
    const inServices = at.field === 'services' && at.service === undefined
    const childAt = inServices ? { file: at.file, service: key } : atField(at, key)
    result[key] = interpolateComposeTree(value, lookup, childAt)
  }
  return result
}
