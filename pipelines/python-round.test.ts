import { describe, expect, it } from 'vitest'
import { PythonRandom } from './generate/python-random.ts'
import { pyRound, pythonFloatRepr } from './python-float.ts'

// Expected values printed by CPython 3.11 (`python3 -c "print(repr(round(x, 2)))"`).

describe('pyRound matches Python round(x, n)', () => {
  it('rounds exact ties at two decimals half to even', () => {
    expect(pyRound(0.125, 2)).toBe(0.12)
    expect(pyRound(0.375, 2)).toBe(0.38)
    expect(pyRound(10.125, 2)).toBe(10.12)
    expect(pyRound(-0.125, 2)).toBe(-0.12)
  })

  it('rounds the exact binary value, not the decimal literal', () => {
    expect(pyRound(2.675, 2)).toBe(2.67) // 2.675 is 2.67499999…
    expect(pyRound(1.005, 2)).toBe(1) // 1.00499999…
    expect(pyRound(499.995, 2)).toBe(500)
  })

  it('keeps the sign of zero and rounds to whole numbers', () => {
    expect(Object.is(pyRound(-0.001, 2), -0)).toBe(true)
    expect([pyRound(0.5, 0), pyRound(1.5, 0), pyRound(2.5, 0), pyRound(-2.5, 0)]).toEqual([0, 2, 2, -2])
  })

  it('leaves huge and non-finite values alone', () => {
    expect(pyRound(2 ** 60, 2)).toBe(2 ** 60)
    expect(pyRound(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY)
    expect(Number.isNaN(pyRound(Number.NaN, 2))).toBe(true)
    expect(() => pyRound(1, 16)).toThrow(RangeError)
  })

  it('agrees with the slow exact path on many generator amounts', () => {
    // toFixed is exact apart from ties, which only occur when x·8 is an odd integer.
    const r = new PythonRandom(7)
    for (let i = 0; i < 20_000; i++) {
      const x = r.uniform(10, 500)
      expect(pyRound(x, 2)).toBe(Number(x.toFixed(2)))
    }
  })
})

describe('pythonFloatRepr matches Python repr(float)', () => {
  it('writes whole floats with ".0" and keeps shortest digits', () => {
    expect([190.0, 51.1, 387.02, 0.1 + 0.2].map(pythonFloatRepr)).toEqual([
      '190.0',
      '51.1',
      '387.02',
      '0.30000000000000004',
    ])
  })

  it('repr of round results', () => {
    expect(
      [pyRound(0.125, 2), pyRound(2.675, 2), pyRound(10.125, 2), pyRound(1.005, 2)].map(pythonFloatRepr),
    ).toEqual(['0.12', '2.67', '10.12', '1.0'])
    expect(pythonFloatRepr(pyRound(-0.001, 2))).toBe('-0.0')
  })

  it('switches to exponent notation where Python does', () => {
    expect(
      [
        1e16, 1e15, 1234567890123456.8, 0.0001, 0.00001, 1.5e-7, 123.456e20, 5e-324, 1.7976931348623157e308,
      ].map(pythonFloatRepr),
    ).toEqual([
      '1e+16',
      '1000000000000000.0',
      '1234567890123456.8',
      '0.0001',
      '1e-05',
      '1.5e-07',
      '1.23456e+22',
      '5e-324',
      '1.7976931348623157e+308',
    ])
  })

  it('writes zero, infinities and NaN as Python', () => {
    expect(
      [0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN].map(pythonFloatRepr),
    ).toEqual(['0.0', '-0.0', 'inf', '-inf', 'nan'])
  })
})
