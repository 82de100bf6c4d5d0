/** How the Benchmarks page writes durations and rates. */

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—'
  if (seconds === 0) return '0 s'
  if (seconds < 1) return `${(seconds * 1000).toFixed(0)} ms`
  return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—'
  if (ms < 1) return `${ms.toFixed(3)} ms`
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`
}

const rate = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
export function formatRate(perSecond: number): string {
  return `${rate.format(perSecond)}/s`
}
