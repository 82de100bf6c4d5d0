/** CSV text as RFC 4180 writes it, for rows the core writes itself (MongoDB's): CRLF, quotes where needed. */
import type { JsonValue } from '../serving/json-values.ts'

/** A field is quoted when it holds a quote, a comma or a line break; quotes inside are doubled. */
export function csvField(value: JsonValue): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvLine(values: readonly JsonValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`
}
