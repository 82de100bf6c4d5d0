/**
 * Python's `repr(float)` in JS, for labels the original produced with Python (`50.0`, `1e-05`, `1e+16`).
 * Both languages print the shortest digit string that round-trips; only the layout differs.
 */
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
