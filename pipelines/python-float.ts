/**
 * Python's and numpy's ways with floats, where the original's text and numbers came from them: Python's
 * `round(x, n)` and `repr(x)` (generated amounts, interval labels) and numpy's `around` (histogram edges).
 * JS `toFixed` rounds the exact binary value as CPython does but breaks exact ties upward, where Python
 * rounds half to even; `String(x)` picks the same shortest digits as `repr` but lays them out differently
 * ("190" vs "190.0", "1e-7" vs "1e-07").
 */

// Every double at or above 2^52 is a whole number, so rounding to n ≥ 0 decimals returns it unchanged.
const TWO_POW_52 = 4_503_599_627_370_496
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

/** Python's `round(x, ndigits)` for 0 ≤ ndigits ≤ 15: exact-value rounding, half to even on exact ties. */
export function pyRound(x: number, ndigits = 2): number {
  if (!Number.isInteger(ndigits) || ndigits < 0 || ndigits > 15) {
    throw new RangeError(`ndigits must be an integer in 0..15, got ${ndigits}`)
  }
  if (!Number.isFinite(x) || Math.abs(x) >= TWO_POW_52) return x
  const scale = POW10[ndigits] as number
  const y = x * scale
  // Fast path: below 2^52 the product is off by at most half an ulp, so unless it sits next to a half-way
  // point its nearest integer is the exact value's, and dividing that integer back is correctly rounded.
  if (Math.abs(y) < TWO_POW_52 && Math.abs(Math.abs(y - Math.trunc(y)) - 0.5) > Math.abs(y) * 1e-14) {
    return Math.round(y) / scale
  }
  // An exact tie at n decimals means x = odd / 2^(n+1): round half to even, in exact integer arithmetic.
  const t = x * 2 ** (ndigits + 1)
  if (Number.isInteger(t) && t % 2 !== 0) {
    const twice = BigInt(t) * 5n ** BigInt(ndigits) // 2·x·10^n, an odd integer
    const lo = (twice - 1n) / 2n // floor(x·10^n)
    const even = lo % 2n === 0n ? lo : lo + 1n
    const r = Number(`${even}e-${ndigits}`)
    return r === 0 && x < 0 ? -0 : r
  }
  // Not a tie: toFixed rounds the exact value, and parsing its digits gives the double Python returns.
  return Number(x.toFixed(ndigits))
}

/** Python's `repr(float)`: shortest round-trip digits, fixed notation for 1e-4 ≤ |x| < 1e16. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan'
  if (x === Number.POSITIVE_INFINITY) return 'inf'
  if (x === Number.NEGATIVE_INFINITY) return '-inf'
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  const sign = x < 0 ? '-' : ''
  // toExponential() without an argument gives the shortest round-trip digits: "d.ddddde±x".
  const [mantissa = '', exp = '0'] = Math.abs(x).toExponential().split('e')
  const digits = mantissa.replace('.', '')
  const exponent = Number(exp)
  const decpt = exponent + 1 // position of the decimal point relative to the first digit
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`
    if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`
  }
  const frac = digits.length > 1 ? `.${digits.slice(1)}` : ''
  const expSign = exponent < 0 ? '-' : '+'
  return `${sign}${digits[0]}${frac}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`
}

/** numpy's rint: round half to even. */
export function rintHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x
  const floor = Math.floor(x)
  const diff = x - floor
  if (diff > 0.5) return floor + 1
  if (diff < 0.5) return floor
  return floor % 2 === 0 ? floor : floor + 1
}

function powerOfTen(n: number): number {
  return Number(`1e${n}`)
}

/** numpy's `np.around(x, decimals)`: scale by 10^d, round half to even, scale back (binary, not exact-value). */
export function numpyAround(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x
  if (decimals >= 0) {
    const f = powerOfTen(decimals)
    return rintHalfEven(x * f) / f
  }
  const f = powerOfTen(-decimals)
  return rintHalfEven(x / f) * f
}
