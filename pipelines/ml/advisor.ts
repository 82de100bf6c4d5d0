/**
 * The advisor: k-means on standardised RFM features (frequency, total and average spend, recency, from
 * gold's client_features), the silhouette on those same scaled features, a profile per cluster named after
 * its majority RFM segment (gold client_scores' segment_label, as the Customers page counts them) with
 * actions, the original's business labels (§10.2, kept for the report's parity), and the clients to
 * contact first. Clusters are numbered by revenue, largest first, so the same data always gives the same
 * numbering.
 */
import pl from 'nodejs-polars'
import type { ContactClient, SegmentProfile } from '../../src-preload/contract-ml.ts'
import { WINBACK_AFTER_DAYS } from '../../src-preload/names-ml.ts'
import { PipelineInputError } from '../pipeline-error.ts'
import {
  BUSINESS_LABELS,
  type BusinessLabel,
  businessLabel,
  type LabelThresholds,
  labelThresholds,
  type RfmClient,
} from './business-labels.ts'
import { clusterNames } from './cluster-names.ts'
import { fitKMeans } from './kmeans-fit.ts'
import { rfmSegmentActions } from './segment-actions.ts'
import { silhouette } from './silhouette.ts'
import { fitStandardiser, type Standardiser, standardise } from './standardiser.ts'

export const RFM_FEATURES = ['frequency', 'monetary_total', 'monetary_avg', 'recency_days'] as const

/** Below this many clients per cluster, clusters say more about noise than about customers. */
export const MIN_CLIENTS_PER_CLUSTER = 10
/** Clients per contact list. */
export const CONTACTS_PER_LIST = 10
export { WINBACK_AFTER_DAYS }
/** The RFM segments whose clients are slipping away, the win-back list's candidates. */
const WINBACK_SEGMENTS: readonly string[] = ['A relancer', 'Dormants']

export interface AdvisorOptions {
  clusters: number
  seed: number
}

export interface SegmentedClient extends RfmClient {
  cluster: number
  /** The original's business label (§10.2). */
  label: BusinessLabel
  /** The RFM segment gold gives the client (client_scores.segment_label). */
  segment: string
}

export interface AdvisorResult {
  clients: SegmentedClient[]
  segments: SegmentProfile[]
  contacts: ContactClient[]
  thresholds: LabelThresholds
  labelCounts: Record<BusinessLabel, number>
  silhouette: number
  inertia: number
  /** Centroids in standardised units, by cluster number. */
  centroids: number[][]
  standardiser: Standardiser
  totals: { clients: number; purchases: number; revenue: number; repeat_rate: number }
}

/** RFM per client with at least one purchase, from gold's client_features (all-time figures). */
export function rfmFrame(features: pl.DataFrame): pl.DataFrame {
  return features
    .filter(pl.col('total_orders_all').gt(0))
    .select(
      pl.col('id_client'),
      pl.col('total_orders_all').cast(pl.Float64).alias('frequency'),
      pl.col('total_spend_all').cast(pl.Float64).alias('monetary_total'),
      pl.col('avg_order_value_all').cast(pl.Float64).alias('monetary_avg'),
      pl.col('recency_days').cast(pl.Float64).alias('recency_days'),
    )
    .sort('id_client')
}

function rfmClients(rfm: pl.DataFrame): RfmClient[] {
  return rfm.toRecords().map((r) => ({
    id_client: Number(r.id_client),
    frequency: Number(r.frequency),
    monetary_total: Number(r.monetary_total),
    monetary_avg: Number(r.monetary_avg),
    recency_days: Number(r.recency_days),
  }))
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1)

function profile(
  cluster: number,
  members: SegmentedClient[],
): Omit<SegmentProfile, 'label' | 'segment' | 'segment_share' | 'actions'> {
  const segments: Record<string, number> = {}
  for (const c of members) segments[c.segment] = (segments[c.segment] ?? 0) + 1
  const revenue = members.reduce((sum, c) => sum + c.monetary_total, 0)
  return {
    cluster,
    size: members.length,
    revenue_total: revenue,
    revenue_avg: revenue / Math.max(members.length, 1),
    frequency_avg: mean(members.map((c) => c.frequency)),
    recency_avg: mean(members.map((c) => c.recency_days)),
    labels: segments,
  }
}

/** The profiles named after their majority RFM segments (unique names), each with that segment's actions. */
function namedProfiles(profiles: ReturnType<typeof profile>[]): SegmentProfile[] {
  const names = clusterNames(profiles.map((p) => ({ ...p, segments: p.labels })))
  return profiles.map((p, i) => {
    const name = names[i] ?? { label: 'none', segment: 'none', segment_share: 0 }
    // Columns in the order segments.csv has always had (cluster, label, size first), the new ones after.
    const { cluster, size, ...figures } = p
    return {
      cluster,
      label: name.label,
      size,
      segment: name.segment,
      segment_share: name.segment_share,
      ...figures,
      actions: [...rfmSegmentActions(name.segment)],
    }
  })
}

function contact(c: SegmentedClient): ContactClient {
  return {
    id_client: c.id_client,
    label: c.segment,
    cluster: c.cluster,
    frequency: c.frequency,
    monetary_total: c.monetary_total,
    recency_days: c.recency_days,
    action: rfmSegmentActions(c.segment)[0] as string,
  }
}

/**
 * Two lists, as the original's, by RFM segment: the valuable clients slipping away (A relancer, then
 * Dormants, by money at stake), only those with no purchase for more than WINBACK_AFTER_DAYS; and the VIPs
 * to look after (largest spend, most recent first), whom a thank-you call suits whenever they last bought.
 */
function contactLists(clients: SegmentedClient[]): ContactClient[] {
  const winback = clients
    .filter((c) => WINBACK_SEGMENTS.includes(c.segment) && c.recency_days > WINBACK_AFTER_DAYS)
    .sort(
      (a, b) =>
        Number(b.segment === 'A relancer') - Number(a.segment === 'A relancer') ||
        b.monetary_total - a.monetary_total ||
        b.recency_days - a.recency_days ||
        a.id_client - b.id_client,
    )
    .slice(0, CONTACTS_PER_LIST)
  const vip = clients
    .filter((c) => c.segment === 'VIP')
    .sort(
      (a, b) =>
        b.monetary_total - a.monetary_total || a.recency_days - b.recency_days || a.id_client - b.id_client,
    )
    .slice(0, CONTACTS_PER_LIST)
  return [...winback, ...vip].map(contact)
}

/** Each client's RFM segment from gold's client_scores; a client without one is an error, not a guess. */
function segmentsById(scores: pl.DataFrame): Map<number, string> {
  const ids = scores.getColumn('id_client').toArray()
  const labels = scores.getColumn('segment_label').toArray()
  return new Map(ids.map((id, i) => [Number(id), String(labels[i])]))
}

export function trainAdvisor(
  features: pl.DataFrame,
  scores: pl.DataFrame,
  options: AdvisorOptions,
): AdvisorResult {
  const rfm = rfmFrame(features)
  const needed = options.clusters * MIN_CLIENTS_PER_CLUSTER
  if (rfm.height < needed) {
    throw new PipelineInputError(
      'too_few_clients',
      `advisor: ${rfm.height} client(s) with a purchase; ${options.clusters} clusters need at least ${needed}: load more data or ask for fewer clusters`,
    )
  }
  const base = rfmClients(rfm)
  const rows = base.map((c) => RFM_FEATURES.map((f) => c[f]))
  const standardiser = fitStandardiser(rows)
  const scaled = standardise(rows, standardiser)
  const fit = fitKMeans(scaled, options.clusters, options.seed)

  // Renumber clusters by revenue, largest first.
  const revenue = new Array<number>(options.clusters).fill(0)
  fit.clusters.forEach((k, i) => {
    revenue[k] = (revenue[k] ?? 0) + (base[i]?.monetary_total ?? 0)
  })
  const order = revenue.map((_, k) => k).sort((a, b) => (revenue[b] ?? 0) - (revenue[a] ?? 0) || a - b)
  const numberOf = new Map(order.map((k, rank) => [k, rank]))

  const thresholds = labelThresholds(rfm)
  const segmentOf = segmentsById(scores)
  const clients: SegmentedClient[] = base.map((c, i) => {
    const segment = segmentOf.get(c.id_client)
    if (segment === undefined) {
      throw new PipelineInputError(
        'missing_segment',
        `advisor: client ${c.id_client} has features but no RFM segment in client_scores: rerun the pipeline's gold layer`,
      )
    }
    return {
      ...c,
      cluster: numberOf.get(fit.clusters[i] as number) ?? 0,
      label: businessLabel(c, thresholds),
      segment,
    }
  })
  const labelCounts = Object.fromEntries(BUSINESS_LABELS.map((l) => [l, 0])) as Record<BusinessLabel, number>
  for (const c of clients) labelCounts[c.label]++
  const purchases = clients.reduce((sum, c) => sum + c.frequency, 0)
  return {
    clients,
    segments: namedProfiles(
      order.map((_, rank) =>
        profile(
          rank,
          clients.filter((c) => c.cluster === rank),
        ),
      ),
    ),
    contacts: contactLists(clients),
    thresholds,
    labelCounts,
    silhouette: silhouette(scaled, fit.clusters, options.seed),
    inertia: fit.inertia,
    centroids: order.map((k) => fit.centroids[k] ?? []),
    standardiser,
    totals: {
      clients: clients.length,
      purchases,
      revenue: clients.reduce((sum, c) => sum + c.monetary_total, 0),
      repeat_rate: clients.filter((c) => c.frequency > 1).length / Math.max(clients.length, 1),
    },
  }
}
