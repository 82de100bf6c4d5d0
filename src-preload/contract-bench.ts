/**
 * Benchmarks run from the app: pipeline and refresh benchmarks, their history (issue 5).
 * Each call: its zod input schema (main validates before acting) and its output type; names in names-bench.ts.
 */
export const benchCalls = {} as const
