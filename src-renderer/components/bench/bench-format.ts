/** The Benchmarks page's names for the format module's durations and rates. */
import type { PipelineScaleResult } from '../../../src-preload/contract-bench.ts'
import { type Format, fmt } from '../../format/index.ts'

export const formatSeconds = fmt.seconds
export const formatMs = fmt.ms
export const formatRate = (perSecond: number) => fmt.rate(perSecond)

/** What a scale missed, naming the target: "missed the 3 s target (took 4.1 s)". */
export function missedTarget(
  s: Pick<PipelineScaleResult, 'totalS' | 'targetS' | 'peakRssMb' | 'targetRssMb'>,
  f: Format = fmt,
) {
  const missed: string[] = []
  if (s.totalS > s.targetS) missed.push(`the ${f.seconds(s.targetS)} target (took ${f.seconds(s.totalS)})`)
  if (s.targetRssMb !== undefined && s.peakRssMb > s.targetRssMb) {
    missed.push(`the ${f.count(s.targetRssMb)} MB memory target (peak ${f.count(s.peakRssMb)} MB)`)
  }
  return missed.length > 0 ? `missed ${missed.join(' and ')}` : `missed the ${f.seconds(s.targetS)} target`
}
