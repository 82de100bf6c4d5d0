/**
 * Compares a computed frame with a reference table read as text (the original's CSV at full precision):
 * same columns in order, same row count, then cell by cell — integers exactly, floats to a relative
 * tolerance, timestamps as 'YYYY-MM-DD HH:MM:SS' text (a bare 'YYYY-MM-DD' is midnight), strings exactly
 * or without case for the listed columns. Returns a list of readable problems (empty when equal).
 */
import pl, { type DataType } from 'nodejs-polars'

export interface CompareOptions {
  /** Sort both sides by these columns before comparing (when the reference's order within ties is undefined). */
  sortBy?: string[]
  /** String columns compared case-insensitively ("UK" vs the original's "Uk"). */
  caseInsensitive?: string[]
  /** Compare only these columns (default: the reference's columns, which must equal the computed ones). */
  columns?: string[]
  /** Relative tolerance for floats (default 1e-9). */
  relTol?: number
  /** Absolute tolerance for floats near zero (default 1e-12). */
  absTol?: number
  /** Stop after this many problems (default 20). */
  maxProblems?: number
}

type Kind = 'int' | 'float' | 'datetime' | 'text'

function kindOf(dtype: DataType): Kind {
  const name = dtype.variant
  if (/^U?Int(8|16|32|64)$/.test(name)) return 'int'
  if (name === 'Float32' || name === 'Float64') return 'float'
  if (name === 'Datetime' || name === 'Date') return 'datetime'
  return 'text'
}

/** Timestamps as text; a bare date is midnight. */
function timestampText(expr: pl.Expr): pl.Expr {
  return pl
    .when(expr.str.lengths().eq(10))
    .then(expr.plus(pl.lit(' 00:00:00')))
    .otherwise(expr)
}

function normaliseActual(frame: pl.DataFrame, columns: string[], kinds: Record<string, Kind>): pl.DataFrame {
  return frame.select(
    ...columns.map((c) =>
      kinds[c] === 'datetime'
        ? pl.col(c).cast(pl.Datetime('us')).dt.strftime('%Y-%m-%d %H:%M:%S').alias(c)
        : pl.col(c),
    ),
  )
}

function normaliseExpected(
  frame: pl.DataFrame,
  columns: string[],
  kinds: Record<string, Kind>,
): pl.DataFrame {
  return frame.select(
    ...columns.map((c) => {
      const text = pl.col(c).cast(pl.Utf8)
      switch (kinds[c]) {
        case 'int':
          return text.cast(pl.Float64).cast(pl.Int64).alias(c)
        case 'float':
          return text.cast(pl.Float64).alias(c)
        case 'datetime':
          return timestampText(text).alias(c)
        default:
          return text.alias(c)
      }
    }),
  )
}

export function floatsClose(a: number, b: number, relTol = 1e-9, absTol = 1e-12): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b)
  if (a === b) return true
  const diff = Math.abs(a - b)
  return diff <= absTol || diff <= relTol * Math.max(Math.abs(a), Math.abs(b))
}

export function compareFrames(
  actual: pl.DataFrame,
  expected: pl.DataFrame,
  options: CompareOptions = {},
): string[] {
  const { relTol = 1e-9, absTol = 1e-12, maxProblems = 20 } = options
  const problems: string[] = []
  const columns = options.columns ?? expected.columns
  if (!options.columns && actual.columns.join(',') !== expected.columns.join(',')) {
    problems.push(
      `columns differ: got [${actual.columns.join(', ')}], expected [${expected.columns.join(', ')}]`,
    )
    return problems
  }
  const missing = columns.filter((c) => !actual.columns.includes(c) || !expected.columns.includes(c))
  if (missing.length > 0) return [`columns missing on one side: ${missing.join(', ')}`]
  if (actual.height !== expected.height)
    return [`row count: got ${actual.height}, expected ${expected.height}`]

  const kinds: Record<string, Kind> = {}
  for (const c of columns) kinds[c] = kindOf(actual.getColumn(c).dtype)
  let left = normaliseActual(actual, columns, kinds)
  let right = normaliseExpected(expected, columns, kinds)
  if (options.sortBy && options.sortBy.length > 0) {
    left = left.sort(options.sortBy)
    right = right.sort(options.sortBy)
  }
  const ci = new Set(options.caseInsensitive ?? [])
  const leftRows = left.toRecords()
  const rightRows = right.toRecords()
  for (let i = 0; i < leftRows.length && problems.length < maxProblems; i++) {
    const got = leftRows[i] as Record<string, unknown>
    const want = rightRows[i] as Record<string, unknown>
    for (const c of columns) {
      const a = got[c] ?? null
      const b = want[c] ?? null
      let same: boolean
      if (a === null || b === null) same = a === null && b === null
      else if (kinds[c] === 'float') same = floatsClose(Number(a), Number(b), relTol, absTol)
      else if (kinds[c] === 'int') same = Number(a) === Number(b)
      else if (ci.has(c)) same = String(a).toLowerCase() === String(b).toLowerCase()
      else same = String(a) === String(b)
      if (!same) {
        problems.push(`row ${i} column ${c}: got ${JSON.stringify(a)}, expected ${JSON.stringify(b)}`)
        if (problems.length >= maxProblems) break
      }
    }
  }
  return problems
}

/** True when the frame is already ordered by these columns (ascending unless `descending`). */
export function isSortedBy(
  frame: pl.DataFrame,
  by: string[],
  descending: boolean[] = by.map(() => false),
): boolean {
  return frame.sort(by, descending, false, true).frameEqual(frame, true)
}
