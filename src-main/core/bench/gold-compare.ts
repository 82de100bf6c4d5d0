/**
 * Compares two gold folders table by table, exactly: the same tables, then per table the same columns and
 * types in order, the same row count, and every value equal (floats bit for bit; NaN equals NaN, null
 * equals null). A float column that differs says by how much at most, so a summation-order drift (last
 * bits) reads apart from a wrong formula.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import pl from 'nodejs-polars'

export interface TableDifference {
  table: string
  problem: string
}

export interface GoldComparison {
  tables: string[]
  differences: TableDifference[]
}

function parquetTables(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.parquet'))
    .map((f) => f.slice(0, -'.parquet'.length))
    .sort()
}

function schemaText(df: pl.DataFrame): string {
  return df.columns.map((c) => `${c}: ${df.getColumn(c).dtype}`).join(', ')
}

function isFloat(series: pl.Series): boolean {
  return series.dtype.equals(pl.Float64) || series.dtype.equals(pl.Float32)
}

/** What differs between two columns of the same type and length (undefined when equal). */
function columnDifference(a: pl.Series, b: pl.Series): string | undefined {
  if (a.seriesEqual(b, true, true)) return undefined
  const both = pl.DataFrame([a.alias('a'), b.alias('b')])
  const [left, right] = [pl.col('a'), pl.col('b')]
  const unequal = isFloat(a) ? left.neq(right).and(left.isNan().and(right.isNan()).not()) : left.neq(right)
  const differs = pl
    .when(left.isNull().and(right.isNull()))
    .then(pl.lit(false))
    .when(left.isNull().or(right.isNull()))
    .then(pl.lit(true))
    .otherwise(unequal)
  const rows = both.filter(differs)
  if (rows.height === 0) return undefined
  const first = rows.row(0)
  let text = `${rows.height} value(s) differ, first ${JSON.stringify(first[0])} vs ${JSON.stringify(first[1])}`
  if (isFloat(a)) {
    const gap = rows
      .select(pl.col('a').minus(pl.col('b')).abs().max().alias('gap'))
      .getColumn('gap')
      .get(0)
    const rel = rows
      .select(pl.col('a').minus(pl.col('b')).abs().div(pl.col('b').abs()).max().alias('rel'))
      .getColumn('rel')
      .get(0)
    text += `; largest gap ${gap} (relative ${rel})`
  }
  return text
}

export function compareTable(table: string, a: pl.DataFrame, b: pl.DataFrame): TableDifference[] {
  if (schemaText(a) !== schemaText(b))
    return [{ table, problem: `schema: [${schemaText(a)}] vs [${schemaText(b)}]` }]
  if (a.height !== b.height) return [{ table, problem: `row count: ${a.height} vs ${b.height}` }]
  const out: TableDifference[] = []
  for (const c of a.columns) {
    const problem = columnDifference(a.getColumn(c), b.getColumn(c))
    if (problem) out.push({ table, problem: `${c}: ${problem}` })
  }
  return out
}

export function compareGold(left: string, right: string): GoldComparison {
  const leftTables = parquetTables(left)
  const rightTables = parquetTables(right)
  const differences: TableDifference[] = []
  for (const t of leftTables.filter((t) => !rightTables.includes(t)))
    differences.push({ table: t, problem: `only in ${left}` })
  for (const t of rightTables.filter((t) => !leftTables.includes(t)))
    differences.push({ table: t, problem: `only in ${right}` })
  const common = leftTables.filter((t) => rightTables.includes(t))
  for (const t of common) {
    const a = pl.readParquet(join(left, `${t}.parquet`))
    const b = pl.readParquet(join(right, `${t}.parquet`))
    differences.push(...compareTable(t, a, b))
  }
  return { tables: common, differences }
}

export function formatGoldComparison(result: GoldComparison): string {
  if (result.differences.length === 0)
    return `gold identical: ${result.tables.length} tables, every value equal`
  return [
    `gold differs in ${new Set(result.differences.map((d) => d.table)).size} of ${result.tables.length} tables:`,
    ...result.differences.map((d) => `  ${d.table}: ${d.problem}`),
  ].join('\n')
}
