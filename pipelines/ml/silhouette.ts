/**
 * The mean silhouette of a clustering, on the features the clustering used (the original measured it on
 * unscaled data, spec §13.19). It costs n² distances, so beyond `sampleSize` points it is computed on a
 * seeded sample, as scikit-learn's silhouette_score(sample_size=…) does.
 */
import { squaredDistance } from './kmeans-fit.ts'
import { seededSample } from './seeded-sample.ts'

export const SILHOUETTE_SAMPLE = 4_000

export function silhouette(
  points: readonly (readonly number[])[],
  clusters: readonly number[],
  seed: number,
  sampleSize = SILHOUETTE_SAMPLE,
): number {
  const sample = seededSample(points.length, sampleSize, seed)
  const chosen = sample.map((i) => points[i] as number[])
  const ids = [...new Set(clusters)]
  // Clusters as 0..groups−1, so the sums below are plain array slots.
  const groupOf = sample.map((i) => ids.indexOf(clusters[i] as number))
  const sizes = new Float64Array(ids.length)
  for (const g of groupOf) sizes[g] = (sizes[g] ?? 0) + 1
  if (sizes.filter((n) => n > 0).length < 2) return 0
  const sums = new Float64Array(ids.length)
  let total = 0
  for (let a = 0; a < chosen.length; a++) {
    sums.fill(0)
    for (let b = 0; b < chosen.length; b++) {
      if (a === b) continue
      const g = groupOf[b] as number
      sums[g] = (sums[g] ?? 0) + Math.sqrt(squaredDistance(chosen[a] as number[], chosen[b] as number[]))
    }
    const own = groupOf[a] as number
    const ownSize = (sizes[own] ?? 1) - 1
    // A point alone in its cluster scores 0 (scikit-learn's convention).
    if (ownSize === 0) continue
    const inner = (sums[own] ?? 0) / ownSize
    let outer = Number.POSITIVE_INFINITY
    for (let g = 0; g < ids.length; g++) {
      if (g !== own && (sizes[g] ?? 0) > 0) outer = Math.min(outer, (sums[g] ?? 0) / (sizes[g] ?? 1))
    }
    const scale = Math.max(inner, outer)
    total += scale > 0 ? (outer - inner) / scale : 0
  }
  return total / chosen.length
}
