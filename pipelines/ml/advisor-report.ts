/** The advisor's Markdown report: the clusters, the business labels, what to do, and whom to contact first. */

import type { AdvisorResult } from './advisor.ts'
import { BUSINESS_LABELS } from './business-labels.ts'
import { fixed, markdownTable } from './markdown-table.ts'
import { SEGMENT_ACTIONS } from './segment-actions.ts'

export function advisorReport(result: AdvisorResult, clusters: number): string {
  const money = (v: number) => fixed(v, 2)
  const contactRows = (labels: readonly string[]) =>
    result.contacts
      .filter((c) => labels.includes(c.label))
      .map((c) => [c.id_client, c.label, c.cluster, c.frequency, money(c.monetary_total), c.recency_days])
  const contactHeaders = ['id_client', 'label', 'cluster', 'purchases', 'spend', 'days since last purchase']
  return [
    '# Advisor: customer segments',
    '',
    `k-means (k = ${clusters}, ml.js) on standardised frequency, total and average spend and recency of`,
    `${result.totals.clients} clients; silhouette ${fixed(result.silhouette)} on the same scaled features.`,
    'Business labels follow the original’s rules (spend q75, recency q25/q75, frequency q75):',
    `spend ≥ ${money(result.thresholds.monetaryHigh)}, recency ≤ ${result.thresholds.recencyLow} / > ${result.thresholds.recencyHigh} days,`,
    `frequency ≥ ${result.thresholds.frequencyHigh}.`,
    '',
    '## Clusters',
    '',
    markdownTable(
      [
        'cluster',
        'main label',
        'clients',
        'revenue',
        'revenue per client',
        'purchases (avg)',
        'recency (avg days)',
      ],
      result.segments.map((s) => [
        s.cluster,
        s.label,
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
    markdownTable(contactHeaders, contactRows(['A relancer', 'Dormants'])),
    '',
    '## Contact first: VIPs to look after',
    '',
    markdownTable(contactHeaders, contactRows(['VIP'])),
    '',
  ].join('\n')
}
