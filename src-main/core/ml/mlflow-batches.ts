/**
 * MLflow's log-batch takes at most 1000 metrics, 100 params and 100 tags, and 1000 entries in all, per
 * request: a larger batch is split into requests that each stay within those limits, in order.
 */

export interface MetricEntry {
  key: string
  value: number
  /** Unix milliseconds. */
  timestamp: number
  step: number
}

export interface KeyValue {
  key: string
  value: string
}

export interface LogBatch {
  metrics: MetricEntry[]
  params: KeyValue[]
  tags: KeyValue[]
}

export const LOG_BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000 } as const

/** The batch as requests within the limits (none for an empty batch). */
export function splitLogBatch(batch: LogBatch, limits = LOG_BATCH_LIMITS): LogBatch[] {
  const left = { metrics: [...batch.metrics], params: [...batch.params], tags: [...batch.tags] }
  const requests: LogBatch[] = []
  while (left.metrics.length + left.params.length + left.tags.length > 0) {
    // Params and tags first: their limits are the small ones, metrics fill what the total leaves.
    const params = left.params.splice(0, Math.min(limits.params, limits.total))
    const tags = left.tags.splice(0, Math.min(limits.tags, limits.total - params.length))
    const metrics = left.metrics.splice(
      0,
      Math.min(limits.metrics, limits.total - params.length - tags.length),
    )
    requests.push({ metrics, params, tags })
  }
  return requests
}
