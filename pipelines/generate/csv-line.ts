/** One CSV record as text (no line ending), quoting a field only when it holds a comma, quote or newline. */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',')
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}
