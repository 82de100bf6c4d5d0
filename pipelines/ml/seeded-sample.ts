/** Seeded draws of rows (the generator's Mersenne Twister): the same seed picks the same rows. */
import { PythonRandom } from '../generate/python-random.ts'

/** A uniformly shuffled copy of 0..n−1. */
export function seededPermutation(n: number, seed: number): number[] {
  const rng = new PythonRandom(seed)
  const order = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = rng.randbelow(i + 1)
    ;[order[i], order[j]] = [order[j] as number, order[i] as number]
  }
  return order
}

/** `k` distinct row indexes out of `n`, ascending (all of them when k ≥ n). */
export function seededSample(n: number, k: number, seed: number): number[] {
  if (k >= n) return Array.from({ length: n }, (_, i) => i)
  return seededPermutation(n, seed)
    .slice(0, k)
    .sort((a, b) => a - b)
}
