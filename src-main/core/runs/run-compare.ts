/**
 * Two runs side by side (pipeline.compare): the headline KPIs of each run's record, and clients and
 * 12-month revenue per segment read by Polars from each run's gold `segment_summary` (a handful of rows),
 * so runs written before the record kept segment counts, and training runs, compare the same way.
 */
import { join } from 'node:path'
import pl from 'nodejs-polars'
import type { GoldKpis, RunRecord } from '../../../src-preload/contract.ts'
import type { ComparedFigure, ComparedRun, RunComparison } from '../../../src-preload/contract-runs.ts'
import { MedallionError } from '../errors.ts'
import type { Lake } from '../lake/lake.ts'
import { findRun } from './find-run.ts'

export type CompareLake = Pick<Lake, 'listRuns' | 'localLayerDir'>

const KPI_NAMES = ['total_ca', 'total_achats', 'total_clients', 'panier_moyen', 'expected_total'] as const

interface SegmentFigures {
  clients: Map<string, number>
  revenue: Map<string, number>
}

/** b − a, and that as a share of a (none when a is 0: no percentage of nothing). */
export function comparedFigure(name: string, a: number | null, b: number | null): ComparedFigure {
  const diff = a === null || b === null ? null : b - a
  const pct = diff === null || a === null || a === 0 ? null : (diff / Math.abs(a)) * 100
  return { name, a, b, diff, pct }
}

async function segmentFigures(lake: CompareLake, record: RunRecord): Promise<SegmentFigures> {
  const folder = record.layers.gold
  if (!folder || record.status !== 'succeeded') {
    throw new MedallionError(
      'run_without_gold',
      `run ${record.runId} ${record.status === 'succeeded' ? 'has no gold layer' : `${record.status}: it built no gold`} — compare two succeeded runs`,
    )
  }
  const path = join(await lake.localLayerDir(folder), 'segment_summary.parquet')
  const rows = (
    await pl
      .scanParquet(path)
      .select(pl.col('segment_label'), pl.col('clients').cast(pl.Float64), pl.col('ca_12m').cast(pl.Float64))
      .collect()
  ).toRecords() as { segment_label: string; clients: number; ca_12m: number }[]
  return {
    clients: new Map(rows.map((r) => [r.segment_label, r.clients])),
    revenue: new Map(rows.map((r) => [r.segment_label, r.ca_12m])),
  }
}

/** Every segment either run has, in the order of the first run's then the second's. */
function bySegment(a: Map<string, number>, b: Map<string, number>): ComparedFigure[] {
  const names = [...new Set([...a.keys(), ...b.keys()])]
  return names.map((name) => comparedFigure(name, a.get(name) ?? null, b.get(name) ?? null))
}

const kpi = (kpis: GoldKpis | undefined, name: (typeof KPI_NAMES)[number]) => kpis?.[name] ?? null

const described = (r: RunRecord): ComparedRun => ({
  runId: r.runId,
  status: r.status,
  trigger: r.trigger,
  startedAt: r.startedAt,
})

export async function compareRuns(lake: CompareLake, a: string, b: string): Promise<RunComparison> {
  const [runA, runB] = await Promise.all([findRun(lake, a), findRun(lake, b)])
  const [segA, segB] = await Promise.all([segmentFigures(lake, runA), segmentFigures(lake, runB)])
  return {
    a: described(runA),
    b: described(runB),
    kpis: KPI_NAMES.map((name) => comparedFigure(name, kpi(runA.kpis, name), kpi(runB.kpis, name))),
    segmentClients: bySegment(segA.clients, segB.clients),
    segmentRevenue: bySegment(segA.revenue, segB.revenue),
  }
}
