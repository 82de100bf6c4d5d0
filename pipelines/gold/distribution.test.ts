import pl from 'nodejs-polars'
import { pythonFloatRepr } from '../python-float.ts'
import { DISTRIBUTION_COLUMNS } from './columns.ts'
import { buildDistribution, cutEdges, cutLabels } from './distribution.ts'
import { column, dtypes } from './test-frames.ts'

const amounts = (values: number[]) => pl.DataFrame({ montant: pl.Series('montant', values, pl.Float64) })

/** Expected labels and bin codes as pandas 3 `pd.cut(values, bins)` gives them. */
const PANDAS_CASES: { name: string; values: number[]; bins: number; labels: string[]; codes: number[] }[] = [
  {
    name: 'pandas documentation example',
    values: [1, 7, 5, 4, 6, 3],
    bins: 3,
    labels: ['(0.994, 3.0]', '(3.0, 5.0]', '(5.0, 7.0]'],
    codes: [0, 2, 1, 1, 2, 0],
  },
  {
    name: 'values on edges go to the lower bin (right-closed)',
    values: [0, 12, 6, 1, 1.5],
    bins: 12,
    labels: [
      '(-0.012, 1.0]',
      '(1.0, 2.0]',
      '(2.0, 3.0]',
      '(3.0, 4.0]',
      '(4.0, 5.0]',
      '(5.0, 6.0]',
      '(6.0, 7.0]',
      '(7.0, 8.0]',
      '(8.0, 9.0]',
      '(9.0, 10.0]',
      '(10.0, 11.0]',
      '(11.0, 12.0]',
    ],
    codes: [0, 11, 5, 0, 1],
  },
  {
    name: 'narrow range: more decimals to keep labels distinct',
    values: [1.0001, 1.0013, 1.0007],
    bins: 12,
    labels: [
      '(1.0001, 1.0002]',
      '(1.0002, 1.0003]',
      '(1.0003, 1.0004]',
      '(1.0004, 1.0005]',
      '(1.0005, 1.0006]',
      '(1.0006, 1.0007]',
      '(1.0007, 1.0008]',
      '(1.0008, 1.0009]',
      '(1.0009, 1.001]',
      '(1.001, 1.0011]',
      '(1.0011, 1.0012]',
      '(1.0012, 1.0013]',
    ],
    codes: [0, 11, 5],
  },
  {
    name: 'min = max: both ends widened by 0.1 %',
    values: [5, 5],
    bins: 12,
    labels: [
      '(4.995, 4.9958]',
      '(4.9958, 4.9967]',
      '(4.9967, 4.9975]',
      '(4.9975, 4.9983]',
      '(4.9983, 4.9992]',
      '(4.9992, 5.0]',
      '(5.0, 5.0008]',
      '(5.0008, 5.0017]',
      '(5.0017, 5.0025]',
      '(5.0025, 5.0033]',
      '(5.0033, 5.0042]',
      '(5.0042, 5.005]',
    ],
    codes: [5, 5],
  },
  {
    name: 'all zero',
    values: [0],
    bins: 12,
    labels: [
      '(-0.001, -0.000833]',
      '(-0.000833, -0.000667]',
      '(-0.000667, -0.0005]',
      '(-0.0005, -0.000333]',
      '(-0.000333, -0.000167]',
      '(-0.000167, 0.0]',
      '(0.0, 0.000167]',
      '(0.000167, 0.000333]',
      '(0.000333, 0.0005]',
      '(0.0005, 0.000667]',
      '(0.000667, 0.000833]',
      '(0.000833, 0.001]',
    ],
    codes: [5],
  },
  {
    name: 'below one: 3 significant decimals after the leading zeros',
    values: [0.00012, 0.00095, 0.0005],
    bins: 4,
    labels: ['(0.000119, 0.000328]', '(0.000328, 0.000535]', '(0.000535, 0.000742]', '(0.000742, 0.00095]'],
    codes: [0, 3, 1],
  },
  {
    name: 'negative values',
    values: [-3.5, 2.25, 0],
    bins: 5,
    labels: ['(-3.506, -2.35]', '(-2.35, -1.2]', '(-1.2, -0.05]', '(-0.05, 1.1]', '(1.1, 2.25]'],
    codes: [0, 4, 3],
  },
  {
    name: 'large values in exponent notation',
    values: [1e15, 3e16],
    bins: 3,
    labels: [
      '(971000000000000.0, 1.0666666666666666e+16]',
      '(1.0666666666666666e+16, 2.0333333333333332e+16]',
      '(2.0333333333333332e+16, 3e+16]',
    ],
    codes: [0, 2],
  },
]

describe('distribution (pandas cut)', () => {
  it('builds numpy edges: linspace(min, max, 13), first edge lowered by 0.1 % of the range', () => {
    const edges = cutEdges(10.02, 499.99)
    expect(edges).toHaveLength(13)
    expect(edges.map(pythonFloatRepr)).toEqual([
      '9.53003',
      '50.85083333333334',
      '91.68166666666667',
      '132.51250000000002',
      '173.34333333333336',
      '214.1741666666667',
      '255.00500000000002',
      '295.83583333333337',
      '336.6666666666667',
      '377.4975',
      '418.3283333333334',
      '459.1591666666667',
      '499.99',
    ])
    expect(cutLabels(edges).slice(0, 2)).toEqual(['(9.53, 50.851]', '(50.851, 91.682]'])
  })

  it.each(PANDAS_CASES)('$name', ({ values, bins, labels, codes }) => {
    const table = buildDistribution(amounts(values), bins)
    expect(column(table, 'bucket')).toEqual(labels)
    expect(column(table, 'bin')).toEqual(labels.map((_, i) => i))
    const expectedCounts = labels.map((_, bin) => codes.filter((c) => c === bin).length)
    expect(column(table, 'count')).toEqual(expectedCounts) // empty bins included with 0
  })

  it('has bin, bucket, count (+ lower, upper) in numeric order', () => {
    const table = buildDistribution(amounts([10.02, 499.99, 100, 100, 50.85083333333334]))
    expect(table.columns).toEqual([...DISTRIBUTION_COLUMNS])
    expect(dtypes(table)).toEqual({
      bin: 'Int64',
      bucket: 'String',
      count: 'Int64',
      lower: 'Float64',
      upper: 'Float64',
    })
    expect(column(table, 'count')).toEqual([2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1]) // 50.85083333333334 is edge 1: bin 0
    const lower = column(table, 'lower') as number[]
    expect([...lower].sort((a, b) => a - b)).toEqual(lower)
    expect(column(table, 'bucket')[10]).toBe('(418.328, 459.159]') // text order would put it before (50.851, …]
  })
})
