/**
 * The original advisor's business labels (spec §10.2), first matching rule wins, with thresholds over
 * the clients labelled (pandas' linear quantiles): VIP, A relancer, Fideles, Nouveaux, else Dormants.
 */
import type pl from 'nodejs-polars'
import { quantileLinear } from '../gold/quantile.ts'

export const BUSINESS_LABELS = ['VIP', 'A relancer', 'Fideles', 'Nouveaux', 'Dormants'] as const
export type BusinessLabel = (typeof BUSINESS_LABELS)[number]

export interface RfmClient {
  id_client: number
  frequency: number
  monetary_total: number
  monetary_avg: number
  recency_days: number
}

export interface LabelThresholds {
  monetaryHigh: number
  recencyLow: number
  recencyHigh: number
  frequencyHigh: number
}

/** q75 of monetary, q25 and q75 of recency, q75 of frequency, over the RFM frame's rows. */
export function labelThresholds(rfm: pl.DataFrame): LabelThresholds {
  const row = rfm
    .select(
      quantileLinear('monetary_total', 0.75).alias('monetaryHigh'),
      quantileLinear('recency_days', 0.25).alias('recencyLow'),
      quantileLinear('recency_days', 0.75).alias('recencyHigh'),
      quantileLinear('frequency', 0.75).alias('frequencyHigh'),
    )
    .toRecords()[0]
  return {
    monetaryHigh: Number(row?.monetaryHigh ?? 0),
    recencyLow: Number(row?.recencyLow ?? 0),
    recencyHigh: Number(row?.recencyHigh ?? 0),
    frequencyHigh: Number(row?.frequencyHigh ?? 0),
  }
}

export function businessLabel(client: RfmClient, t: LabelThresholds): BusinessLabel {
  const valuable = client.monetary_total >= t.monetaryHigh
  if (valuable && client.recency_days <= t.recencyLow) return 'VIP'
  if (valuable && client.recency_days > t.recencyHigh) return 'A relancer'
  if (client.frequency >= t.frequencyHigh) return 'Fideles'
  if (client.frequency <= 1 && client.recency_days <= t.recencyLow) return 'Nouveaux'
  return 'Dormants'
}
