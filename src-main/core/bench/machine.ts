/** The machine a benchmark ran on, recorded with its figures (they only compare on the same machine). */
import { cpus, platform, totalmem } from 'node:os'
import type { BenchMachine } from '../../../src-preload/contract-bench.ts'

export function benchMachine(): BenchMachine {
  return {
    cpus: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: platform(),
  }
}
