/**
 * The pipeline benchmark: per chosen scale, generate the sources, then time a full bronze → gold run in a
 * fresh child process (clean memory, its own peak RSS): seconds per layer, total, rows/s, peak RSS.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateSources } from '../../../pipelines/generate/generate.ts'
import type { RunRecord } from '../../../src-preload/contract.ts'
import type { BenchScale, LayerSeconds, PipelineScaleResult } from '../../../src-preload/contract-bench.ts'
import type { AppPaths } from '../app-paths.ts'
import type { LaunchNodeChild } from '../child-process.ts'
import { runPipelineChild } from './pipeline-child-process.ts'
import { SCALE_SPECS, type ScaleSpec, scalePurchases } from './pipeline-scales.ts'

export interface PipelineBenchOptions {
  scales: readonly BenchScale[]
  /** The child's script and the files its core uses (the pipeline worker, the Spark job). */
  paths: AppPaths
  /** Starts the child (Node's spawn by default). */
  launchChild?: LaunchNodeChild
  /** Polars (default) or the Spark twin, at the same scales. */
  engine?: 'polars' | 'spark'
  signal: AbortSignal
  onProgress?(fraction: number, step: string): void
  onLog?(line: string): void
}

/** Share of a scale's progress spent generating its sources (the rest is the measured run). */
const GENERATE_SHARE = 0.3

function layerSeconds(record: RunRecord): LayerSeconds {
  const sum = (layer: string) =>
    record.steps.filter((s) => s.layer === layer).reduce((total, s) => total + s.ms, 0) / 1000
  return { bronze: sum('bronze'), silver: sum('silver'), gold: sum('gold') }
}

async function measureScale(
  spec: ScaleSpec,
  workDir: string,
  options: PipelineBenchOptions,
  progress: (fraction: number, step: string) => void,
): Promise<PipelineScaleResult> {
  const inputDir = join(workDir, 'sources')
  const generated = await generateSources({
    outDir: inputDir,
    purchases: spec.purchases,
    onProgress: (fraction, step) => {
      options.signal.throwIfAborted()
      progress(fraction * GENERATE_SHARE, `${spec.scale}: ${step}`)
    },
  })
  options.onLog?.(
    `${spec.scale}: ${generated.purchases} purchases generated in ${(generated.ms / 1000).toFixed(2)} s`,
  )
  const child = await runPipelineChild({
    dataDir: join(workDir, 'data'),
    inputDir,
    paths: options.paths,
    launchChild: options.launchChild,
    engine: options.engine ?? 'polars',
    signal: options.signal,
    onProgress: (fraction, step) =>
      progress(GENERATE_SHARE + fraction * (1 - GENERATE_SHARE), `${spec.scale}: ${step}`),
  })
  const totalS = child.wallMs / 1000
  const peakRssMb = child.maxRssKb / 1024
  return {
    scale: spec.scale,
    purchases: generated.purchases,
    generateS: generated.ms / 1000,
    workerStartS: child.workerStartMs / 1000,
    layers: layerSeconds(child.record),
    totalS,
    rowsPerS: generated.purchases / totalS,
    peakRssMb,
    targetS: spec.targetS,
    ...(spec.targetRssMb ? { targetRssMb: spec.targetRssMb } : {}),
    met: totalS <= spec.targetS && (!spec.targetRssMb || peakRssMb <= spec.targetRssMb),
  }
}

export async function runPipelineBench(options: PipelineBenchOptions): Promise<PipelineScaleResult[]> {
  const specs = options.scales.map((scale) => SCALE_SPECS[scale])
  // Progress in proportion to the purchases each scale handles.
  const weights = specs.map(scalePurchases)
  const totalWeight = weights.reduce((a, b) => a + b, 0)
  const results: PipelineScaleResult[] = []
  let doneWeight = 0
  for (const [i, spec] of specs.entries()) {
    const weight = weights[i] ?? 0
    const workDir = await mkdtemp(join(tmpdir(), `medallion-bench-${spec.scale}-`))
    try {
      const result = await measureScale(spec, workDir, options, (fraction, step) =>
        options.onProgress?.((doneWeight + fraction * weight) / totalWeight, step),
      )
      options.onLog?.(
        `${spec.scale}: ${result.totalS.toFixed(2)} s, ${Math.round(result.rowsPerS)} rows/s, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
      )
      results.push(result)
    } finally {
      await rm(workDir, { recursive: true, force: true })
    }
    doneWeight += weight
  }
  return results
}
