/** Call names of one area of the contract (no zod: the preload bundles these). Benchmarks run from the app: pipeline and refresh benchmarks, their history (issue 5). */
export const BENCH_CALLS = ['bench.run', 'bench.history'] as const
