import { numpyAround, pythonFloatRepr, rintHalfEven } from './python-float.ts'

describe('pythonFloatRepr', () => {
  // Each pair checked against CPython's repr().
  it.each([
    [50, '50.0'],
    [9.53, '9.53'],
    [1234.5, '1234.5'],
    [0.5, '0.5'],
    [0.0001, '0.0001'],
    [1e-5, '1e-05'],
    [-2.5e-5, '-2.5e-05'],
    [1.5e-7, '1.5e-07'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [12345678901234568, '1.2345678901234568e+16'],
    [2 ** 60, '1.152921504606847e+18'],
    [1e22, '1e+22'],
    [0.1 + 0.2, '0.30000000000000004'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [0, '0.0'],
    [-0, '-0.0'],
    [Number.NaN, 'nan'],
    [Number.POSITIVE_INFINITY, 'inf'],
  ])('%s → %s', (x, repr) => {
    expect(pythonFloatRepr(x)).toBe(repr)
  })
})

describe('numpy rounding', () => {
  it('rounds half to even', () => {
    expect([0.5, 1.5, 2.5, -2.5, 2.4, 2.6].map(rintHalfEven)).toEqual([0, 2, 2, -2, 2, 3])
  })

  it('np.around scales in binary (0.135 → 0.14, 0.125 → 0.12), negative decimals too', () => {
    expect(numpyAround(2.5, 0)).toBe(2)
    expect(numpyAround(3.5, 0)).toBe(4)
    expect(numpyAround(0.125, 2)).toBe(0.12)
    expect(numpyAround(0.135, 2)).toBe(0.14)
    expect(numpyAround(1234.5, -1)).toBe(1230)
    expect(numpyAround(1250, -2)).toBe(1200)
    expect(numpyAround(50.85083333333334, 3)).toBe(50.851)
  })
})
