/** What the data browser must answer, from Polars reading the same Parquet eagerly (issue 14's tests). */
import type pl from 'nodejs-polars'
import { expect } from 'vitest'
import { toJsonValue } from '../../src-main/core/serving/json-values.ts'
import type { Row } from '../../src-preload/contract.ts'

/** A frame's rows in the served JSON shape. */
export function jsonRows(frame: pl.DataFrame): Row[] {
  return (frame.toRecords() as Record<string, unknown>[]).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, toJsonValue(v)])),
  )
}

/** CSV text holds exactly the frame: its header, then every cell as text (read back as text). */
export function expectCsvOf(text: string, frame: pl.DataFrame, read: typeof pl.readCSV): void {
  expect(text.startsWith(`${frame.columns.join(',')}\r\n`)).toBe(true)
  const parsed = read(text, { inferSchemaLength: 0 })
  expect(parsed.height).toBe(frame.height)
  for (const name of frame.columns) {
    const cells = frame
      .getColumn(name)
      .toArray()
      .map((v) => (v === null ? null : String(v)))
    expect(parsed.getColumn(name).toArray(), name).toEqual(cells)
  }
}
