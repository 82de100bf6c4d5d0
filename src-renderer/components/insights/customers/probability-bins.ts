/** The re-purchase probabilities (0..1) as a histogram of equal bins; 1 falls in the last bin. */
import { fmt } from '../../../format/index.ts'

export const PROBABILITY_BINS = 20

export interface ProbabilityBin {
  /** "0.30–0.35": the bin's edges, lower included, upper excluded (the last includes 1). */
  label: string
  lower: number
  upper: number
  clients: number
}

export function probabilityHistogram(values: readonly number[], bins = PROBABILITY_BINS): ProbabilityBin[] {
  const counts = new Array<number>(bins).fill(0)
  for (const value of values) {
    if (!Number.isFinite(value)) continue
    const at = Math.min(bins - 1, Math.max(0, Math.floor(value * bins)))
    counts[at] = (counts[at] ?? 0) + 1
  }
  return counts.map((clients, i) => {
    const lower = i / bins
    const upper = (i + 1) / bins
    return { label: `${fmt.probability(lower)}–${fmt.probability(upper)}`, lower, upper, clients }
  })
}
