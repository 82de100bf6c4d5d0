/**
 * A CPython-compatible `random.Random` (MT19937), so that a seed gives the very draws the original Python
 * generator made. Only the methods the generator needs are ported, each consuming the 32-bit outputs in the
 * same way as CPython's `_randommodule.c` and `random.py`.
 */

const N = 624
const M = 397
const MATRIX_A = 0x9908b0df
const UPPER_MASK = 0x80000000
const LOWER_MASK = 0x7fffffff
const TWO_POW_32 = 4_294_967_296
const INV_TWO_POW_53 = 1 / 9_007_199_254_740_992

/** Number of bits needed to write n (n ≥ 0), like Python's int.bit_length(); exact up to 2^53. */
export function bitLength(n: number): number {
  if (n < TWO_POW_32) return 32 - Math.clz32(n)
  return 32 + bitLength(Math.floor(n / TWO_POW_32))
}

/** CPython's seed(int) key: the absolute value's 32-bit words, least significant first ([0] for zero). */
export function seedKey(seed: number | bigint): number[] {
  let n = typeof seed === 'bigint' ? seed : BigInt(seed)
  if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be an integer, got ${seed}`)
  }
  if (n < 0n) n = -n
  const key: number[] = []
  while (n > 0n) {
    key.push(Number(n & 0xffffffffn))
    n >>= 32n
  }
  return key.length > 0 ? key : [0]
}

export class PythonRandom {
  // State lives in one typed array and draws allocate nothing: the generator makes tens of millions of them.
  private readonly mt = new Uint32Array(N)
  private index = N + 1

  /** `seed` as `random.seed(int)`, or an explicit init_by_array key (32-bit words). */
  constructor(seed: number | bigint | readonly number[] = 0) {
    this.seed(seed)
  }

  seed(seed: number | bigint | readonly number[]): void {
    this.initByArray(Array.isArray(seed) ? (seed as readonly number[]) : seedKey(seed as number | bigint))
  }

  private initGenrand(s: number): void {
    const mt = this.mt
    mt[0] = s >>> 0
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] as number
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0
    }
    this.index = N
  }

  private initByArray(key: readonly number[]): void {
    const mt = this.mt
    this.initGenrand(19650218)
    let i = 1
    let j = 0
    const len = key.length
    for (let k = Math.max(N, len); k > 0; k--) {
      const prev = mt[i - 1] as number
      mt[i] = ((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + ((key[j] as number) >>> 0) + j
      i++
      j++
      if (i >= N) {
        mt[0] = mt[N - 1] as number
        i = 1
      }
      if (j >= len) j = 0
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] as number
      mt[i] = ((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i
      i++
      if (i >= N) {
        mt[0] = mt[N - 1] as number
        i = 1
      }
    }
    mt[0] = 0x80000000 // MSB is 1, assuring a non-zero initial array
    this.index = N
  }

  /** Regenerates the 624 words of state at once (the "twist"). */
  private twist(): void {
    const mt = this.mt
    let kk = 0
    let y: number
    for (; kk < N - M; kk++) {
      y = ((mt[kk] as number) & UPPER_MASK) | ((mt[kk + 1] as number) & LOWER_MASK)
      mt[kk] = (mt[kk + M] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)
    }
    for (; kk < N - 1; kk++) {
      y = ((mt[kk] as number) & UPPER_MASK) | ((mt[kk + 1] as number) & LOWER_MASK)
      mt[kk] = (mt[kk + (M - N)] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)
    }
    y = ((mt[N - 1] as number) & UPPER_MASK) | ((mt[0] as number) & LOWER_MASK)
    mt[N - 1] = (mt[M - 1] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)
    this.index = 0
  }

  /** Next tempered 32-bit output, as an unsigned number. */
  nextUint32(): number {
    if (this.index >= N) this.twist()
    let y = this.mt[this.index++] as number
    y ^= y >>> 11
    y ^= (y << 7) & 0x9d2c5680
    y ^= (y << 15) & 0xefc60000
    y ^= y >>> 18
    return y >>> 0
  }

  /** random.random(): 53 random bits in [0, 1). */
  random(): number {
    const a = this.nextUint32() >>> 5
    const b = this.nextUint32() >>> 6
    return (a * 67_108_864 + b) * INV_TWO_POW_53
  }

  /** random.getrandbits(k) for 0 ≤ k ≤ 53; wider values take whole words, least significant first. */
  getrandbits(k: number): number {
    if (k <= 32) {
      if (k <= 0) {
        if (k === 0) return 0
        throw new RangeError('number of bits must be non-negative')
      }
      return this.nextUint32() >>> (32 - k)
    }
    if (k > 53) throw new RangeError('getrandbits supports at most 53 bits here')
    const low = this.nextUint32()
    const high = this.nextUint32() >>> (64 - k)
    return high * TWO_POW_32 + low
  }

  /** random._randbelow(n): rejection sampling on bit_length(n) bits, as CPython does. */
  randbelow(n: number): number {
    if (!(n > 0) || !Number.isSafeInteger(n))
      throw new RangeError(`randbelow needs a positive integer, got ${n}`)
    const k = bitLength(n)
    if (k <= 32) {
      // The common case, inlined so that a draw is one word plus a shift.
      const shift = 32 - k
      let r = this.nextUint32() >>> shift
      while (r >= n) r = this.nextUint32() >>> shift
      return r
    }
    let r = this.getrandbits(k)
    while (r >= n) r = this.getrandbits(k)
    return r
  }

  /** random.randint(a, b), both ends included. */
  randint(a: number, b: number): number {
    const width = b - a + 1
    if (width <= 0) throw new RangeError(`empty range for randint(${a}, ${b})`)
    return a + this.randbelow(width)
  }

  /** random.choice(seq). */
  choice<T>(seq: ArrayLike<T>): T {
    if (seq.length === 0) throw new RangeError('cannot choose from an empty sequence')
    return seq[this.randbelow(seq.length)] as T
  }

  /** random.uniform(a, b). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.random()
  }
}
