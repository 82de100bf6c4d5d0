/** The advisor's Markdown report: the clusters, the business labels, what to do, and whom to contact first. */

import { type AdvisorResult, WINBACK_AFTER_DAYS } from './advisor.ts'
import { BUSINESS_LABELS } from './business-labels.ts'
import { fixed, markdownTable } from './markdown-table.ts'
import { SEGMENT_ACTIONS } from './segment-actions.ts'

export function advisorReport(result: AdvisorResult, clusters: number): string {
  const money = (v: number) => fixed(v, 2)
  const contactRows = (labels: readonly string[]) =>
    result.contacts
      .filter((c) => labels.includes(c.label))
      .map((c) => [c.id_client, c.label, c.cluster, c.frequency, money(c.monetary_total), c.recency_days])
  const contactHeaders = ['id_client', 'segment', 'cluster', 'purchases', 'spend', 'days since last purchase']
  return [
    '# Advisor: customer segments',
    '',
    `k-means (k = ${clusters}, ml.js) on standardised frequency, total and average spend and recency of`,
    `${result.totals.clients} clients; silhouette ${fixed(result.silhouette)} on the same scaled features.`,
    'Each cluster is named after the RFM segment most of its clients carry (gold client_scores, as the',
    'Customers page counts them), with that share; clusters sharing one are told apart by what differs most.',
    'Business labels follow the original’s rules (spend q75, recency q25/q75, frequency q75):',
    `spend ≥ ${money(result.thresholds.monetaryHigh)}, recency ≤ ${result.thresholds.recencyLow} / > ${result.thresholds.recencyHigh} days,`,
    `frequency ≥ ${result.thresholds.frequencyHigh}.`,
    '',
    '## Clusters',
    '',
    markdownTable(
      [
        'cluster',
        'name',
        'main RFM segment (share)',
        'clients',
        'revenue',
        'revenue per client',
        'purchases (avg)',
        'recency (avg days)',
      ],
      result.segments.map((s) => [
        s.cluster,
        s.label,
        `${s.segment} (${fixed((s.segment_share ?? 0) * 100, 0)} %)`,
        s.size,
        money(s.revenue_total),
        money(s.revenue_avg),
        fixed(s.frequency_avg, 1),
        fixed(s.recency_avg, 1),
      ]),
    ),
    '',
    '## Business labels and actions',
    '',
    ...BUSINESS_LABELS.flatMap((label) => [
      `### ${label} (${result.labelCounts[label]} clients)`,
      '',
      ...SEGMENT_ACTIONS[label].map((a) => `- ${a}`),
      '',
    ]),
    '## Contact first: valuable clients slipping away',
    '',
    `RFM segments A relancer, then Dormants, by spend; only clients with no purchase for more than ${WINBACK_AFTER_DAYS} days.`,
    '',
    markdownTable(contactHeaders, contactRows(['A relancer', 'Dormants'])),
    '',
    '## Contact first: VIPs to look after',
    '',
    markdownTable(contactHeaders, contactRows(['VIP'])),
    '',
  ].join('\n')
}
