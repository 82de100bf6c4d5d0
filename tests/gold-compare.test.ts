import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import { describe, expect, it } from 'vitest'
import { compareGold } from '../src-main/core/bench/gold-compare.ts'
import { tempDir } from './helpers/temp-data.ts'

function gold(dir: string, tables: Record<string, pl.DataFrame>): string {
  mkdirSync(dir, { recursive: true })
  for (const [name, df] of Object.entries(tables)) df.writeParquet(join(dir, `${name}.parquet`))
  return dir
}

describe('compareGold', () => {
  const root = tempDir('medallion-gold-compare-')
  const monthly = (ca: number[]) => pl.DataFrame({ mois: ['2025-01', '2025-02'], ca })
  const daily = pl.DataFrame({ jour: ['2025-01-01', null], achats: [3, 4], pct: [Number.NaN, 0.5] })

  it('finds two golds identical when every value is equal, NaN and null included', () => {
    const a = gold(join(root, 'a'), { ca_monthly: monthly([1.5, 2.25]), daily })
    const b = gold(join(root, 'b'), { ca_monthly: monthly([1.5, 2.25]), daily })
    expect(compareGold(a, b)).toEqual({ tables: ['ca_monthly', 'daily'], differences: [] })
  })

  it('reports a last-bit float difference with its size, a schema change and a missing table', () => {
    const a = gold(join(root, 'c'), { ca_monthly: monthly([0.1 + 0.2, 2]), daily })
    const b = gold(join(root, 'd'), {
      ca_monthly: monthly([0.3, 2]),
      daily: daily.withColumns(pl.col('achats').cast(pl.Int32)),
      weekly: daily,
    })
    const { differences } = compareGold(a, b)
    expect(differences.map((d) => d.table)).toEqual(['weekly', 'ca_monthly', 'daily'])
    expect(differences[1]?.problem).toMatch(/^ca: 1 value\(s\) differ.*largest gap 5\.55\d*e-17/)
    expect(differences[2]?.problem).toMatch(/^schema: /)
  })
})
