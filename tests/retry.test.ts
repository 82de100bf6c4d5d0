/** The retry module: what counts as transient (real errors from real sockets), the backoff, the log. */
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { backoffDelay, retryPolicyFromEnv, withRetries } from '../src-main/core/automation/retry.ts'
import { isTransientError } from '../src-main/core/automation/transient-error.ts'
import { MedallionError } from '../src-main/core/errors.ts'
import { freePort } from './helpers/ferretdb.ts'

/** The error of connecting to a port nothing listens on. */
async function refusedConnection(): Promise<Error> {
  const port = await freePort()
  return new Promise((resolve) => connect(port, '127.0.0.1').once('error', resolve))
}

describe('isTransientError', () => {
  it('says yes to a refused socket, fetch failing on one, 5xx answers and a busy lock', async () => {
    expect(isTransientError(await refusedConnection())).toBe(true)
    const fetchFailure = await fetch(`http://127.0.0.1:${await freePort()}/`).catch((err: unknown) => err)
    expect(isTransientError(fetchFailure)).toBe(true)
    expect(isTransientError({ name: 'InternalError', $metadata: { httpStatusCode: 503 } })).toBe(true)
    expect(isTransientError(new MedallionError('data_locked', 'held'))).toBe(true)
    // A core error that wraps a driver's network error keeps it as its cause.
    expect(
      isTransientError(new MedallionError('publish_failed', 'x', { cause: await refusedConnection() })),
    ).toBe(true)
  })

  it('says no to data errors, credentials, 4xx and anything unknown', () => {
    for (const code of [
      'missing_source',
      'gate_failed',
      'nothing_to_publish',
      'publish_auth',
      'lake_access_denied',
    ])
      expect(isTransientError(new MedallionError(code, 'x'))).toBe(false)
    expect(isTransientError({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } })).toBe(false)
    expect(isTransientError(new TypeError('x is not a function'))).toBe(false)
    expect(isTransientError(undefined)).toBe(false)
  })
})

describe('withRetries', () => {
  const policy = { attempts: 4, baseDelayMs: 20, maxDelayMs: 50 }

  it('tries a transient failure again, logging each failed attempt and when the next comes', async () => {
    const lines: string[] = []
    let calls = 0
    const result = await withRetries(
      async ({ number, last }) => {
        calls++
        expect(last).toBe(number === 4)
        if (number < 3) throw new MedallionError('lake_unreachable', `down ${number}`)
        return 'done'
      },
      { policy, what: 'pipeline run', log: (line) => lines.push(line) },
    )
    expect([result, calls]).toEqual(['done', 3])
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(
      /^pipeline run failed \(attempt 1 of 4\): down 1; next try in \d+\.\d s, at \d{4}-/,
    )
    expect(lines[1]).toContain('(attempt 2 of 4): down 2')
  })

  it('gives up after the last attempt, throwing its error; a data error is thrown at once', async () => {
    const lines: string[] = []
    const down = withRetries(
      async ({ number }) => {
        throw new MedallionError('lake_unreachable', `down ${number}`)
      },
      { policy, what: 'publish', log: (line) => lines.push(line) },
    )
    await expect(down).rejects.toThrow('down 4')
    expect(lines.map((line) => /attempt (\d) of 4/.exec(line)?.[1])).toEqual(['1', '2', '3', '4'])
    expect(lines[3]).toMatch(/; giving up$/)

    let calls = 0
    const bad = withRetries(
      async () => {
        calls++
        throw new MedallionError('missing_source', 'no clients.csv')
      },
      { policy, what: 'run', log: (line) => lines.push(line) },
    )
    await expect(bad).rejects.toThrow('no clients.csv')
    expect(calls).toBe(1)
  })

  it('stops waiting when cancelled', async () => {
    const controller = new AbortController()
    const waiting = withRetries(
      async () => {
        throw new MedallionError('data_locked', 'held')
      },
      {
        policy: { attempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000 },
        what: 'run',
        log: () => controller.abort(new Error('cancelled by the user')),
        signal: controller.signal,
        random: () => 1,
      },
    )
    await expect(waiting).rejects.toThrow('cancelled by the user')
  })
})

describe('backoff and policy', () => {
  it('doubles the ceiling from the base up to the maximum, jittered below it', () => {
    const policy = { attempts: 10, baseDelayMs: 1000, maxDelayMs: 5000 }
    expect([2, 3, 4, 5].map((next) => backoffDelay(policy, next, () => 1))).toEqual([1000, 2000, 4000, 5000])
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(1000)
  })

  it('reads the environment, naming a bad value', () => {
    expect(
      retryPolicyFromEnv({ MEDALLION_RETRY_ATTEMPTS: '2', MEDALLION_RETRY_BASE_MS: '10' }),
    ).toMatchObject({
      attempts: 2,
      baseDelayMs: 10,
    })
    expect(() => retryPolicyFromEnv({ MEDALLION_RETRY_ATTEMPTS: '0' })).toThrow(
      'MEDALLION_RETRY_ATTEMPTS expects a whole number ≥ 1, got "0"',
    )
  })
})
