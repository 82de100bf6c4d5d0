/**
 * Names for the advisor's clusters in the Customers page's words: each cluster is named after the RFM
 * segment (gold client_scores' segment_label) most of its clients carry, with that share; clusters that
 * share a majority segment are told apart by the trait that differs most between them (value, recency or
 * frequency), e.g. "Dormants — high value" / "Dormants — low value". Names are unique.
 */

export interface ClusterTraits {
  /** Clients per RFM segment in the cluster. */
  segments: Record<string, number>
  size: number
  revenue_avg: number
  recency_avg: number
  frequency_avg: number
}

export interface ClusterName {
  label: string
  /** The cluster's majority RFM segment, and the share of its clients in it (0..1). */
  segment: string
  segment_share: number
}

/** How each trait is said, its largest value first: high spend, few days since (recent), many purchases. */
const TRAITS = [
  { words: ['high value', 'mid value', 'low value'], value: (c: ClusterTraits) => c.revenue_avg },
  { words: ['recent', 'less recent', 'lapsed'], value: (c: ClusterTraits) => -c.recency_avg },
  { words: ['frequent', 'regular', 'occasional'], value: (c: ClusterTraits) => c.frequency_avg },
] as const

function majority(c: ClusterTraits): { segment: string; share: number } {
  // Ties go to the segment named first alphabetically: the same data always gives the same name.
  const [segment = 'none', count = 0] = Object.entries(c.segments).sort(
    ([a, x], [b, y]) => y - x || a.localeCompare(b),
  )[0] ?? ['none', 0]
  return { segment, share: count / Math.max(c.size, 1) }
}

/** How far apart a trait sets the clusters: its range over its mean magnitude (scale-free across traits). */
function spread(values: number[]): number {
  const magnitude = values.reduce((sum, v) => sum + Math.abs(v), 0) / values.length
  return magnitude === 0 ? 0 : (Math.max(...values) - Math.min(...values)) / magnitude
}

/** Qualifiers for a group's clusters (indexes into `group`), by rank on the trait that differs most. */
function qualifiers(group: ClusterTraits[]): string[] {
  const [trait = TRAITS[0]] = [...TRAITS].sort(
    (a, b) => spread(group.map(b.value)) - spread(group.map(a.value)),
  )
  const ranked = group.map((c, i) => ({ i, v: trait.value(c) })).sort((a, b) => b.v - a.v || a.i - b.i)
  const words = new Array<string>(group.length)
  ranked.forEach(({ i }, rank) => {
    const last = rank === ranked.length - 1
    if (group.length <= 3) words[i] = last ? (trait.words[2] as string) : (trait.words[rank] as string)
    // More than three: the ends keep their words, the middle ones are numbered by rank.
    else words[i] = rank === 0 ? trait.words[0] : last ? trait.words[2] : `${trait.words[1]} ${rank}`
  })
  return words
}

export function clusterNames(clusters: readonly ClusterTraits[]): ClusterName[] {
  const majorities = clusters.map(majority)
  const names = majorities.map((m) => ({ label: m.segment, segment: m.segment, segment_share: m.share }))
  const bySegment = new Map<string, number[]>()
  majorities.forEach((m, i) => {
    bySegment.set(m.segment, [...(bySegment.get(m.segment) ?? []), i])
  })
  for (const [segment, members] of bySegment) {
    if (members.length < 2) continue
    const words = qualifiers(members.map((i) => clusters[i] as ClusterTraits))
    members.forEach((i, k) => {
      const name = names[i]
      if (name) name.label = `${segment} — ${words[k]}`
    })
  }
  return names
}
