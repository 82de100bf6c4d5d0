/**
 * Plain values shared by the contract and the renderer: enum lists and limits. No zod here (nor in
 * names*.ts), so the renderer may import these without bundling the schemas.
 */

/** The largest page a list call returns (the original silently truncated /scores at 5000). */
export const MAX_PAGE = 10_000

/** At most this many countries (or products) in one sales filter. */
export const SALES_FILTER_MAX = 50

/** Scales the pipeline benchmark runs at. */
export const BENCH_SCALES = ['seed', '100k', '1m', '10m'] as const
export type BenchScale = (typeof BENCH_SCALES)[number]

/** The task kind of a running benchmark, so the page can find it among the tasks. */
export const BENCH_TASK_KIND = 'bench'
