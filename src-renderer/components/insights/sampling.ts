/**
 * Keeps charts to a few thousand marks: an evenly spaced subset in the original order (first and last kept),
 * so a sampled series still spans the whole range.
 */
export const MAX_CHART_POINTS = 2_000

export function evenSample<T>(items: readonly T[], max = MAX_CHART_POINTS): T[] {
  if (items.length <= max) return items.slice()
  if (max <= 1) return items.slice(0, max)
  const step = (items.length - 1) / (max - 1)
  return Array.from({ length: max }, (_, i) => items[Math.round(i * step)] as T)
}
