/** Tables as CSV (RFC 4180): a header row of labels, CRLF line ends, quoted only where needed, numbers as they are. */

/** One CSV column: the row field it reads and the header it gets. */
export interface ExportColumn<T> {
  key: keyof T & string
  label?: string
}

type CellValue = string | number | boolean | bigint | null | undefined | Date

function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  // Unformatted on purpose: a spreadsheet reads 1234.5, not "1 234,50 €".
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (value instanceof Date) return value.toISOString()
  return String(value as CellValue)
}

/** Quotes a field when it holds a quote, a comma, a line break or edge spaces; quotes inside are doubled. */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function toCsv<T>(rows: readonly T[], columns: readonly ExportColumn<T>[]): string {
  const lines = [columns.map((c) => csvField(c.label ?? c.key)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => csvField(cellText(row[c.key]))).join(','))
  return `${lines.join('\r\n')}\r\n`
}
