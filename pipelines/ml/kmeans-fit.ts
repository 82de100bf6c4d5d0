/**
 * k-means (ml-kmeans, k-means++ starts) run from several seeded starts, keeping the tightest result, as
 * scikit-learn's n_init does. The same seed gives the same clusters.
 */
import { kmeans } from 'ml-kmeans'

/** Independent starts, as scikit-learn's default n_init = 10 (the original's setting). */
export const KMEANS_STARTS = 10
const MAX_ITERATIONS = 300

export interface KMeansFit {
  clusters: number[]
  centroids: number[][]
  /** Sum of squared distances of the points to their centroid. */
  inertia: number
}

export function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let sum = 0
  for (let j = 0; j < a.length; j++) sum += ((a[j] ?? 0) - (b[j] ?? 0)) ** 2
  return sum
}

export function fitKMeans(points: number[][], k: number, seed: number, starts = KMEANS_STARTS): KMeansFit {
  let best: KMeansFit | undefined
  for (let start = 0; start < starts; start++) {
    const result = kmeans(points, k, {
      seed: seed + start,
      initialization: 'kmeans++',
      maxIterations: MAX_ITERATIONS,
    })
    const inertia = points.reduce(
      (sum, p, i) => sum + squaredDistance(p, result.centroids[result.clusters[i] as number] ?? p),
      0,
    )
    if (!best || inertia < best.inertia)
      best = { clusters: result.clusters, centroids: result.centroids, inertia }
  }
  if (!best) throw new Error('k-means needs at least one start')
  return best
}
