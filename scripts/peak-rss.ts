/**
 * Benchmarks' memory figure: runs `work` while sampling the process's RSS every 5 ms (Polars and the
 * driver work off the event loop, so the sampler keeps running), and returns its result with the peak
 * RSS growth over the RSS before it, in bytes.
 */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakGrowth: number }> {
  global.gc?.()
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 5)
  try {
    const result = await work()
    peak = Math.max(peak, process.memoryUsage().rss)
    return { result, peakGrowth: peak - before }
  } finally {
    clearInterval(sampler)
  }
}
