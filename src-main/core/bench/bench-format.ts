/** Benchmark results as text for a terminal (the `medallion bench` command and the bench scripts). */
import type {
  BenchReference,
  BenchResult,
  PipelineBenchResult,
  RefreshBenchResult,
} from '../../../src-preload/contract-bench.ts'
import { benchReference } from './reference.ts'

const f = (n: number, digits = 2) => n.toFixed(digits)

export function formatPipelineBench(result: PipelineBenchResult, reference: BenchReference): string {
  const { machine } = result
  const lines = [
    `pipeline benchmark — ${machine.cpus} cores, ${machine.memoryGb} GiB, node ${machine.node}`,
    'scale  purchases   start   bronze  silver  gold    wall(s)  rows/s      peak RSS  target',
  ]
  for (const r of result.scales) {
    const target = `< ${r.targetS} s${r.targetRssMb ? `, < ${r.targetRssMb} MB` : ''}`
    lines.push(
      `${r.scale.padEnd(6)} ${String(r.purchases).padStart(10)}  ${f(r.workerStartS)}    ${f(r.layers.bronze)}    ${f(r.layers.silver)}    ${f(r.layers.gold)}    ${f(r.totalS).padStart(6)}   ${Math.round(r.rowsPerS).toLocaleString('en-US').padStart(10)}  ${f(r.peakRssMb, 0).padStart(5)} MB  ${r.met ? 'met' : 'MISSED'} (${target})`,
    )
  }
  const seed = result.scales.find((r) => r.scale === 'seed')
  const pandas = reference.pipeline.find((p) => p.engine === 'pandas')
  const spark = reference.pipeline.find((p) => p.engine === 'spark')
  if (seed && pandas && spark) {
    lines.push(
      `baseline (original, same 23,663 rows): pandas ${f(pandas.totalS)} s → ${f(pandas.totalS / seed.totalS, 1)}× faster; ` +
        `Spark ${f(spark.totalS)} s → ${f(spark.totalS / seed.totalS, 0)}× faster`,
    )
  }
  lines.push(
    'wall = worker start + bronze (read + Parquet write) + silver + gold (incl. writes) + commit; start = until the worker first reports',
  )
  return lines.join('\n')
}

export function formatRefreshBench(result: RefreshBenchResult, reference: BenchReference): string {
  const columns = [
    ...result.sources.map((s) => ({ name: s.source, panels: s.panels, total: s.total })),
    ...reference.refresh.map((r) => ({ name: `original ${r.source}`, panels: r.panels, total: r.total })),
  ]
  const cell = (t: { p50Ms: number; p99Ms: number } | undefined) =>
    (t ? `${f(t.p50Ms)} / ${f(t.p99Ms)}` : '—').padStart(22)
  const lines = [
    `refresh benchmark — ${result.datasetSize} purchases${result.runId ? `, run ${result.runId}` : ''}, p50 / p99 ms over ${result.sources[0]?.samples ?? 0} refreshes`,
    `${'panel'.padEnd(14)}${columns.map((c) => c.name.padStart(22)).join('')}`,
  ]
  const panels = result.sources[0]?.panels.map((p) => p.panel) ?? []
  for (const panel of panels) {
    lines.push(
      `${panel.padEnd(14)}${columns.map((c) => cell(c.panels.find((p) => p.panel === panel))).join('')}`,
    )
  }
  lines.push(`${'total'.padEnd(14)}${columns.map((c) => cell(c.total)).join('')}`)
  for (const s of result.sources)
    lines.push(`${s.source}: ${s.detail}; first refresh ${f(s.total.firstMs, 1)} ms`)
  for (const s of result.skipped) lines.push(`${s.source}: not measured: ${s.reason}`)
  return lines.join('\n')
}

export function formatBenchResult(result: BenchResult, reference: BenchReference): string {
  return result.kind === 'pipeline'
    ? formatPipelineBench(result, reference)
    : formatRefreshBench(result, reference)
}

/** A result as text, compared with the original's recorded figures. */
export function benchSummary(result: BenchResult): string {
  return formatBenchResult(result, benchReference())
}
