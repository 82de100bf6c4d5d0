/** `medallion bench [--kind pipeline|refresh] [--scales seed,1m]` as the contract's input, or what is wrong. */
import {
  BENCH_KINDS,
  BENCH_SCALES,
  type BenchRunArgs,
  BenchRunInput,
} from '../../../src-preload/contract-bench.ts'

/** The parsed input, or a message for a usage error. */
export function parseBenchFlags(
  kind: string | undefined,
  scales: string | undefined,
  engine?: string,
): BenchRunArgs | string {
  const parsed = BenchRunInput.safeParse({
    kind: kind ?? 'pipeline',
    ...(engine === undefined ? {} : { engine }),
    ...(scales === undefined ? {} : { scales: scales.split(',').map((s) => s.trim()) }),
  })
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  if (issue?.path[0] === 'kind') return `--kind must be one of ${BENCH_KINDS.join(', ')}, got "${kind}"`
  if (issue?.path[0] === 'engine') return `--engine must be polars or spark, got "${engine}"`
  if (issue?.path[0] === 'scales' && issue.code !== 'custom') {
    return `--scales takes a comma-separated list of ${BENCH_SCALES.join(', ')}, got "${scales}"`
  }
  return `--scales: ${issue?.message ?? 'not valid'}`
}
