/** Times dashboard refreshes: every panel in turn, as a dashboard loads them, a number of times over. */
import type { RefreshTiming } from '../../../src-preload/contract-bench.ts'
import type { DashboardPanel } from './dashboard-panels.ts'
import type { PanelReader } from './panel-readers.ts'
import { summarize } from './percentiles.ts'

export interface RefreshTimes {
  panels: ({ panel: string } & RefreshTiming)[]
  total: RefreshTiming
  samples: number
}

function timing(firstMs: number, measured: number[]): RefreshTiming {
  const s = summarize(measured)
  return { p50Ms: s.p50, p99Ms: s.p99, meanMs: s.mean, firstMs }
}

/**
 * One first refresh (a fresh store reading its data: reported alone as `firstMs`), then `samples`
 * refreshes whose percentiles are reported. Checks `signal` between refreshes.
 */
export async function timeRefreshes(
  read: PanelReader,
  panels: readonly DashboardPanel[],
  samples: number,
  options: { signal?: AbortSignal; onRefresh?(done: number, of: number): void } = {},
): Promise<RefreshTimes> {
  const perPanel = panels.map(() => [] as number[])
  const totals: number[] = []
  for (let i = 0; i <= samples; i++) {
    options.signal?.throwIfAborted()
    const refreshStarted = performance.now()
    for (const [p, panel] of panels.entries()) {
      const started = performance.now()
      await read(panel)
      perPanel[p]?.push(performance.now() - started)
    }
    totals.push(performance.now() - refreshStarted)
    options.onRefresh?.(i + 1, samples + 1)
  }
  return {
    panels: panels.map((panel, p) => {
      const [first = 0, ...rest] = perPanel[p] ?? []
      return { panel: panel.panel, ...timing(first, rest) }
    }),
    total: timing(totals[0] ?? 0, totals.slice(1)),
    samples,
  }
}

/** p50 and p99 of `n` runs of `work`, one after the other. */
export async function timeRepeated(
  work: () => Promise<unknown>,
  n: number,
): Promise<{ p50: number; p99: number }> {
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const started = performance.now()
    await work()
    times.push(performance.now() - started)
  }
  const s = summarize(times)
  return { p50: s.p50, p99: s.p99 }
}
