/**
 * The `.env` file beside a compose file, read the way compose reads it: `KEY=VALUE` lines, optional `export `,
 * `#` comments (whole lines, or after a space in an unquoted value), single quotes kept literally, double quotes
 * with `\n`, `\t`, `\"` and `\\` escapes, quoted values over several lines, and `${VAR}` interpolation in unquoted
 * and double-quoted values from the environment first, then the lines above.
 */
import { MedallionError } from '../errors.ts'
import { InterpolationError, interpolate, type VariableLookup } from './interpolate.ts'

const ASSIGNMENT = /[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/y
const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' }

export function parseEnvFile(
  text: string,
  file: string,
  environment: VariableLookup = () => undefined,
): Record<string, string> {
  const source = text.replace(/\r\n?/g, '\n')
  const vars: Record<string, string> = {}
  const lookup: VariableLookup = (name) => environment(name) ?? vars[name]
  let pos = 0
  let line = 1
  const fail = (message: string) => new MedallionError('compose_syntax', `${file} line ${line}: ${message}`)
  const expand = (value: string, key: string) => {
    try {
      return interpolate(value, lookup)
    } catch (err) {
      if (err instanceof InterpolationError) throw fail(`${key}: ${err.message}`)
      throw err
    }
  }

  while (pos < source.length) {
    const end = lineEnd(source, pos)
    const content = source.slice(pos, end).trim()
    if (content === '' || content.startsWith('#')) {
      pos = end + 1
      line++
      continue
    }
    ASSIGNMENT.lastIndex = pos
    const match = ASSIGNMENT.exec(source)
    if (match === null || match.index !== pos || ASSIGNMENT.lastIndex > end) {
      throw fail(`expected KEY=VALUE, found "${content}"`)
    }
    const key = match[1] as string
    pos = ASSIGNMENT.lastIndex
    const quote = source[pos]
    if (quote === '"' || quote === "'") {
      const close = closingQuote(source, pos + 1, quote)
      if (close < 0) throw fail(`the quoted value of ${key} is never closed`)
      const raw = source.slice(pos + 1, close)
      vars[key] = quote === "'" ? raw : expand(unescapeDoubleQuoted(raw), key)
      line += countNewlines(raw)
      const rest = source.slice(close + 1, lineEnd(source, close + 1)).trim()
      if (rest !== '' && !rest.startsWith('#'))
        throw fail(`unexpected "${rest}" after the quoted value of ${key}`)
      pos = lineEnd(source, close + 1) + 1
    } else {
      const raw = source.slice(pos, end)
      const comment = raw.search(/[ \t]#/)
      vars[key] = expand((comment < 0 ? raw : raw.slice(0, comment)).trim(), key)
      pos = end + 1
    }
    line++
  }
  return vars
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from)
  return end < 0 ? text.length : end
}

function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++
    else if (text[i] === quote) return i
  }
  return -1
}

function unescapeDoubleQuoted(raw: string): string {
  return raw.replace(/\\(.)/g, (sequence, char: string) => DOUBLE_QUOTE_ESCAPES[char] ?? sequence)
}

function countNewlines(text: string): number {
  return text.split('\n').length - 1
}
