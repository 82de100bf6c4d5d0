/** An advisor training in the worker: reads gold's client features, segments, writes the report and tables. */
import { join } from 'node:path'
import pl from 'nodejs-polars'
import { RFM_FEATURES, trainAdvisor } from './advisor.ts'
import { advisorReport } from './advisor-report.ts'
import { ArtifactFiles } from './artifact-files.ts'
import { KMEANS_STARTS } from './kmeans-fit.ts'
import { fixed } from './markdown-table.ts'
import { SILHOUETTE_SAMPLE } from './silhouette.ts'
import { barsSvg } from './svg-plot.ts'
import type { TrainJob, TrainOutcome } from './train-job.ts'

export function runAdvisorJob(
  job: TrainJob,
  progress: (fraction: number, label: string) => void,
): TrainOutcome {
  progress(0.05, 'advisor: reading gold')
  const features = pl.readParquet(join(job.goldDir, 'client_features.parquet'))
  const scores = pl.readParquet(join(job.goldDir, 'client_scores.parquet'), {
    columns: ['id_client', 'segment_label'],
  })
  progress(0.2, `advisor: k-means with k = ${job.clusters}`)
  const result = trainAdvisor(features, scores, { clusters: job.clusters, seed: job.seed })

  progress(0.9, 'advisor: writing the report')
  const files = new ArtifactFiles(job.outDir)
  files.text('report.md', advisorReport(result, job.clusters))
  files.csv(
    'segments.csv',
    result.segments.map(({ labels, actions, ...s }) => ({
      ...s,
      labels: Object.entries(labels)
        .map(([l, n]) => `${l}: ${n}`)
        .join('; '),
      actions: actions.join('; '),
    })),
  )
  files.csv('contacts.csv', result.contacts as unknown as Record<string, string | number>[])
  files.csv(
    'clients_segmented.csv',
    result.clients.map((c) => ({ id_client: c.id_client, cluster: c.cluster, label: c.label })),
  )
  files.json('model.json', {
    kind: 'kmeans',
    features: RFM_FEATURES,
    transform: '(x - mean) / scale',
    standardiser: result.standardiser,
    centroids: result.centroids,
    label_thresholds: result.thresholds,
  })
  files.text(
    'plots/segment_revenue.svg',
    barsSvg(
      'Revenue per cluster',
      result.segments.map((s) => ({
        label: `${s.cluster} · ${s.label} (${s.size})`,
        value: s.revenue_total,
        text: fixed(s.revenue_total, 0),
      })),
    ),
  )
  const metrics: Record<string, number> = {
    silhouette: result.silhouette,
    inertia: result.inertia,
    clients: result.totals.clients,
    total_revenue: result.totals.revenue,
    aov_global: result.totals.revenue / Math.max(result.totals.purchases, 1),
    repeat_rate: result.totals.repeat_rate,
  }
  for (const [label, n] of Object.entries(result.labelCounts)) metrics[`label_${label.replace(' ', '_')}`] = n
  files.json('metrics.json', metrics)

  return {
    summary: `${job.clusters} clusters of ${result.totals.clients} clients, silhouette ${result.silhouette.toFixed(3)}`,
    params: {
      model: 'kmeans',
      library: 'ml-kmeans 7.0.1',
      n_clusters: String(job.clusters),
      seed: String(job.seed),
      starts: String(KMEANS_STARTS),
      features: RFM_FEATURES.join(','),
      silhouette_sample: String(SILHOUETTE_SAMPLE),
    },
    metrics,
    segments: result.segments,
    contacts: result.contacts,
    artifacts: files.written,
  }
}
