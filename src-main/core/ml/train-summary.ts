/** A training's record as text for a terminal: what it measured, where its results are, and MLflow's link. */
import type { MlRunRecord } from '../../../src-preload/contract-ml.ts'

const number = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(4))

export function trainSummary(record: MlRunRecord): string {
  const lines = [`${record.model} ${record.id}: ${record.status} (gold of run ${record.dataVersion ?? '?'})`]
  if (record.comparison?.length) {
    lines.push(`  ${'metric'.padEnd(24)} ${'model'.padStart(10)} ${'heuristic'.padStart(10)}`)
    for (const c of record.comparison) {
      lines.push(`  ${c.label.padEnd(24)} ${number(c.model).padStart(10)} ${number(c.baseline).padStart(10)}`)
    }
  }
  for (const s of record.segments ?? []) {
    lines.push(
      `  cluster ${s.cluster}  ${s.label.padEnd(11)} ${String(s.size).padStart(7)} clients  revenue ${s.revenue_total.toFixed(0).padStart(10)}  recency ${s.recency_avg.toFixed(1)} d`,
    )
  }
  if (record.metrics.silhouette !== undefined)
    lines.push(`  silhouette ${record.metrics.silhouette.toFixed(3)}`)
  if (record.predictionsRunId)
    lines.push(`  predictions: gold table client_predictions of run ${record.predictionsRunId}`)
  if (record.artifactsDir) lines.push(`  report: ${record.artifactsDir}/report.md`)
  if (record.mlflow) lines.push(`  MLflow: ${record.mlflow.url}`)
  if (record.mlflowNote) lines.push(`  ${record.mlflowNote}`)
  if (record.error) lines.push(`  error: ${record.error}`)
  return lines.join('\n')
}
