/**
 * One JSON shape for served values, whichever store answers: timestamps (BSON dates from MongoDB, Date
 * or bigint micros from Parquet) become ISO-8601 text without a zone, as the original served them
 * (naive UTC, milliseconds); bigints become numbers; NaN becomes null.
 */
export type JsonValue = string | number | boolean | null

export function isoNaive(date: Date): string {
  return date.toISOString().slice(0, 23)
}

export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : isoNaive(value)
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  return String(value)
}
