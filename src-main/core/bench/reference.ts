/**
 * The original's recorded figures as a reference series: its pipeline run (pandas and Spark, 23,663
 * purchases; benchmark.json) and its 9 dashboard refreshes per source (refresh_benchmark.json), copied
 * here unchanged from its data/metrics so every build carries them.
 */
import type { BenchReference, LayerSeconds } from '../../../src-preload/contract-bench.ts'
import originalPipeline from './original-benchmark.json' with { type: 'json' }
import originalRefresh from './original-refresh-benchmark.json' with { type: 'json' }
import { summarize } from './percentiles.ts'

/** The original's Parquet dashboard read one table per panel; the panel each table fed. */
const PARQUET_TABLE_PANEL: Readonly<Record<string, string>> = {
  fact: 'kpis',
  ca_monthly: 'monthly',
  ca_country: 'by_country',
  ca_product: 'by_product',
  segments: 'segments',
  scores: 'scores',
  cohort: 'cohort',
}

function timing(values: number[]) {
  const s = summarize(values)
  return { p50Ms: s.p50, p99Ms: s.p99, meanMs: s.mean }
}

function refreshReference(source: 'parquet' | 'api'): BenchReference['refresh'][number] {
  const entries = originalRefresh.filter((e) => e.source === source)
  const panelTimes = new Map<string, number[]>()
  for (const entry of entries) {
    for (const [name, ms] of Object.entries(entry.breakdown_ms)) {
      const panel = source === 'parquet' ? (PARQUET_TABLE_PANEL[name] ?? name) : name
      panelTimes.set(panel, [...(panelTimes.get(panel) ?? []), ms])
    }
  }
  return {
    source,
    datasetSize: entries[0]?.dataset_size ?? 0,
    panels: [...panelTimes].map(([panel, times]) => ({ panel, ...timing(times) })),
    total: timing(entries.map((e) => e.total_ms)),
    runs: entries.length,
  }
}

function layers(d: { bronze: number; silver: number; gold: number }): LayerSeconds {
  return { bronze: d.bronze, silver: d.silver, gold: d.gold }
}

export function benchReference(): BenchReference {
  return {
    pipeline: originalPipeline.flatMap((entry) =>
      (['pandas', 'spark'] as const).map((engine) => ({
        engine,
        datasetSize: entry.dataset_size,
        layers: layers(entry.durations[engine]),
        totalS: entry.durations[engine].total,
        recordedAt: entry.timestamp,
        machine: `${entry.environment.machine} (${entry.environment.os})`,
      })),
    ),
    refresh: [refreshReference('parquet'), refreshReference('api')],
  }
}
