/**
 * Transient failures tried again: exponential backoff with full jitter (so that processes waiting on the
 * same server do not come back at the same moment), a bounded number of attempts, each failure written to
 * the task's log with when the next try is. A failure that is not transient (isTransientError) is thrown
 * at once, as is a cancel.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { errorMessage, MedallionError } from '../errors.ts'
import { isTransientError } from './transient-error.ts'

export interface RetryPolicy {
  /** Attempts in all (1 = no retry). */
  attempts: number
  /** The first wait's ceiling; each next one doubles, up to maxDelayMs. */
  baseDelayMs: number
  maxDelayMs: number
}

/** About a minute of waits in all: a restarted MinIO, MongoDB or MLflow is back well within it. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseDelayMs: 2_000, maxDelayMs: 30_000 }

/** No retry: what a run or a publish someone started by hand gets. */
export const SINGLE_ATTEMPT: RetryPolicy = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 }

/** MEDALLION_RETRY_ATTEMPTS, MEDALLION_RETRY_BASE_MS, MEDALLION_RETRY_MAX_MS over the defaults. */
export function retryPolicyFromEnv(env: NodeJS.ProcessEnv): RetryPolicy {
  const read = (name: string, fallback: number, min: number) => {
    const raw = env[name]?.trim()
    if (!raw) return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < min)
      throw new MedallionError('invalid_config', `${name} expects a whole number ≥ ${min}, got "${raw}"`)
    return value
  }
  return {
    attempts: read('MEDALLION_RETRY_ATTEMPTS', DEFAULT_RETRY_POLICY.attempts, 1),
    baseDelayMs: read('MEDALLION_RETRY_BASE_MS', DEFAULT_RETRY_POLICY.baseDelayMs, 0),
    maxDelayMs: read('MEDALLION_RETRY_MAX_MS', DEFAULT_RETRY_POLICY.maxDelayMs, 0),
  }
}

/** One attempt's place: whether another follows if this one fails transiently. */
export interface Attempt {
  number: number
  last: boolean
}

export interface RetryOptions {
  policy: RetryPolicy
  /** What is tried, for the log: "pipeline run", "publish". */
  what: string
  log: (line: string) => void
  signal?: AbortSignal
  isTransient?: (err: unknown) => boolean
  /** 0..1; injected by tests of the delays. */
  random?: () => number
  now?: () => Date
}

/** The wait before attempt `next` (2, 3, …): uniform in [0, min(max, base × 2^(next−2))]. */
export function backoffDelay(policy: RetryPolicy, next: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (next - 2))
  return Math.round(random() * ceiling)
}

export async function withRetries<T>(
  work: (attempt: Attempt) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const { policy, signal } = options
  const transient = options.isTransient ?? isTransientError
  for (let number = 1; ; number++) {
    const last = number >= policy.attempts
    try {
      return await work({ number, last })
    } catch (err) {
      if (signal?.aborted || policy.attempts <= 1 || !transient(err)) throw err
      const failed = `${options.what} failed (attempt ${number} of ${policy.attempts}): ${errorMessage(err)}`
      if (last) {
        options.log(`${failed}; giving up`)
        throw err
      }
      const delay = backoffDelay(policy, number + 1, options.random)
      const at = new Date((options.now?.() ?? new Date()).getTime() + delay)
      options.log(`${failed}; next try in ${(delay / 1000).toFixed(1)} s, at ${at.toISOString()}`)
      await sleep(delay, undefined, signal ? { signal } : {}).catch(() => {
        throw signal?.reason ?? err
      })
    }
  }
}
