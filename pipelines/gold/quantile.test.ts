import pl from 'nodejs-polars'
import { quantileLinear } from './quantile.ts'

describe('quantileLinear', () => {
  const frame = pl.DataFrame({ x: [10, 1, 4, 2, 3] })
  const q = (p: number) => frame.select(quantileLinear('x', p).alias('q')).getColumn('q').get(0)

  it('interpolates linearly at (n − 1)·q like pandas (polars defaults to nearest)', () => {
    expect(q(0.95)).toBeCloseTo(8.8, 12) // position 3.8: 4 + 0.8·(10 − 4)
    expect(q(0.75)).toBe(4)
    expect(q(0.25)).toBe(2)
    expect(q(0.5)).toBe(3)
    expect(frame.select(pl.col('x').quantile(0.95).alias('q')).getColumn('q').get(0)).toBe(10)
  })

  it('averages the two middle values for an even count', () => {
    const even = pl.DataFrame({ x: [0, 1, 2, 10] })
    expect(even.select(quantileLinear('x', 0.5).alias('q')).getColumn('q').get(0)).toBe(1.5)
    expect(even.select(quantileLinear('x', 0.25).alias('q')).getColumn('q').get(0)).toBe(0.75)
  })
})
