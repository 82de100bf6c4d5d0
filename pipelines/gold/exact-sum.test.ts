import pl from 'nodejs-polars'
import { describe, expect, it } from 'vitest'
import { fromUnits, unitsSum } from './exact-sum.ts'

describe('unitsSum, fromUnits', () => {
  it('is the correctly rounded sum of cent amounts, where a float sum drifts', () => {
    const amounts = Array.from({ length: 1000 }, (_, i) => [0.1, 0.2, 0.3, 19.99, 387.02][i % 5] as number)
    const df = pl.DataFrame({ g: amounts.map((_, i) => i % 2), montant: amounts })
    const sums = df
      .groupBy('g')
      .agg(unitsSum(pl.col('montant'), 'exact'), pl.col('montant').sum().alias('float'))
      .sort('g')
      .withColumns(fromUnits('exact'))
    // Each group holds 100 of each amount: 100 · (0.1 + 0.3 + 387.02 + 0.2 + 19.99) = 40761 exactly.
    expect(sums.getColumn('exact').toArray()).toEqual([40761, 40761])
    expect(sums.getColumn('float').toArray()).not.toEqual([40761, 40761])
  })

  it('keeps amounts with up to 6 decimals, and counts nothing for null', () => {
    const df = pl.DataFrame({ montant: [1.000001, 2.5, null, 0.000002] })
    expect(
      df
        .select(unitsSum(pl.col('montant'), 's'))
        .select(fromUnits('s'))
        .getColumn('s')
        .toArray(),
    ).toEqual([3.500003])
  })
})
