/**
 * How `medallion generate` writes its files: the original's layout (",", UTF-8, LF, a decimal point, ISO
 * dates), or `fr-excel`, as a spreadsheet in a French locale saves "CSV" (";", Windows-1252, CRLF, a decimal
 * comma, day-first dates) — for demos and for testing that files are read in their dialect.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import iconv from 'iconv-lite'
import pl, { type CsvWriterOptions } from 'nodejs-polars'
import type { WrittenDialect } from '../../src-preload/values.ts'
import { splitLine } from '../dialect/delimiter.ts'
import { CSV_OPTIONS } from './frames.ts'

const FR_EXCEL = {
  ...CSV_OPTIONS,
  separator: ';',
  lineTerminator: '\r\n',
  dateFormat: '%d/%m/%Y',
  datetimeFormat: '%d/%m/%Y %H:%M:%S',
} as const satisfies CsvWriterOptions

/** Polars' writer options for the clean rows. */
export function writerOptions(dialect: WrittenDialect): CsvWriterOptions {
  return dialect === 'fr-excel' ? FR_EXCEL : CSV_OPTIONS
}

/**
 * The clean rows as the dialect writes them: with a decimal comma, the amounts become text first
 * (nodejs-polars' writer does not pass its decimal-comma option on), in the same shortest digits.
 */
export function rowsIn(dialect: WrittenDialect, frame: pl.DataFrame, amountColumn?: string): pl.DataFrame {
  if (dialect === 'default' || !amountColumn) return frame
  return frame.withColumns(pl.col(amountColumn).cast(pl.Utf8).str.replace('.', ',', true).alias(amountColumn))
}

/** 2025-06-01 10:00:00 → 01/06/2025 10:00:00; anything else (the dirty rows' bad dates) as it is. */
function dayFirst(value: string): string {
  return value.replace(/^(\d{4})-(\d{2})-(\d{2})/, '$3/$2/$1')
}

/**
 * A line the generator wrote in the original's layout (its dirty rows), in `dialect`: dates day first, a
 * decimal comma in the amount, ";" between fields (a field holding ";" is quoted).
 */
export function lineIn(
  dialect: WrittenDialect,
  line: string,
  dateField: number,
  amountField?: number,
): string {
  if (dialect === 'default') return line
  return splitLine(line, ',')
    .map((raw, i) => {
      const value = raw.replace(/^"(.*)"$/s, '$1').replaceAll('""', '"')
      const written = i === dateField ? dayFirst(value) : i === amountField ? value.replace('.', ',') : value
      return /[;"\r\n]/.test(written) ? `"${written.replaceAll('"', '""')}"` : written
    })
    .join(';')
}

/** The line separator of `dialect`. */
export function lineEnd(dialect: WrittenDialect): string {
  return dialect === 'fr-excel' ? '\r\n' : '\n'
}

/** Re-encodes a UTF-8 file as the dialect's encoding (Windows-1252 for fr-excel; in place). */
export function encodeFile(dialect: WrittenDialect, path: string): void {
  if (dialect === 'default') return
  writeFileSync(path, iconv.encode(readFileSync(path, 'utf8'), 'windows-1252'))
}
