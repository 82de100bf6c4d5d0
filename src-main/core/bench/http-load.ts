/**
 * Bounded load against a server on loopback (only loopback URLs are accepted):
 * - loadRun: `connections` keep-alive clients each send requests back to back (cycling through `paths`)
 *   until `durationMs` has passed;
 * - probeRun: one request every `intervalMs` for `durationMs`, each on its own, whether the last was
 *   answered or not (how long a small request waits while the server is busy);
 * - burstRun: `connections` requests at once, each on its own connection.
 * Every request gives up after `timeoutMs` (counted in `timeouts`, and in `errors`).
 */
import { Agent, request } from 'node:http'
import { summarize } from './percentiles.ts'

export interface LoadResult {
  requests: number
  errors: number
  /** Requests given up after the timeout (also counted in errors). */
  timeouts: number
  /** Non-2xx answers, by status. */
  statuses: Record<string, number>
  rps: number
  p50: number
  p99: number
  max: number
}

/** Long enough for any answer of a healthy server; a stalled one is cut off, so runs stay bounded. */
export const DEFAULT_TIMEOUT_MS = 20_000

class RequestTimeout extends Error {}

function get(agent: Agent, url: URL, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method: 'GET' }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', reject)
    })
    req.setTimeout(timeoutMs, () => req.destroy(new RequestTimeout(`no answer within ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end()
  })
}

function loopbackBase(baseUrl: string): URL {
  const base = new URL(baseUrl)
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname))
    throw new Error(`load runs target loopback only, not ${base.hostname}`)
  return base
}

/** Collects the outcome of each request of a run. */
class Tally {
  readonly durations: number[] = []
  readonly statuses: Record<string, number> = {}
  errors = 0
  timeouts = 0

  async time(agent: Agent, url: URL, timeoutMs: number): Promise<void> {
    const started = performance.now()
    try {
      const status = await get(agent, url, timeoutMs)
      this.durations.push(performance.now() - started)
      if (status < 200 || status >= 300) {
        this.statuses[status] = (this.statuses[status] ?? 0) + 1
        this.errors += 1
      }
    } catch (err) {
      this.errors += 1
      if (err instanceof RequestTimeout) this.timeouts += 1
    }
  }

  result(elapsedMs: number): LoadResult {
    const s = summarize(this.durations)
    const { errors, timeouts, statuses } = this
    const requests = this.durations.length
    return { requests, errors, timeouts, statuses, rps: (requests / elapsedMs) * 1000, ...s }
  }
}

/** Runs `work` with an agent and a tally, then closes the agent: the outcome over the elapsed time. */
async function measured(
  baseUrl: string,
  agentOptions: ConstructorParameters<typeof Agent>[0],
  work: (request: (path: string) => Promise<void>) => Promise<void>,
  timeoutMs: number,
): Promise<LoadResult> {
  const base = loopbackBase(baseUrl)
  const agent = new Agent(agentOptions)
  const tally = new Tally()
  const started = performance.now()
  try {
    await work((path) => tally.time(agent, new URL(path, base), timeoutMs))
  } finally {
    agent.destroy()
  }
  return tally.result(performance.now() - started)
}

export function loadRun(
  baseUrl: string,
  paths: string[],
  connections: number,
  durationMs: number,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<LoadResult> {
  const deadline = performance.now() + durationMs
  return measured(
    baseUrl,
    { keepAlive: true, maxSockets: connections },
    async (request) => {
      const client = async (offset: number) => {
        for (let i = offset; performance.now() < deadline; i++)
          await request(paths[i % paths.length] as string)
      }
      await Promise.all(Array.from({ length: connections }, (_, i) => client(i)))
    },
    timeoutMs,
  )
}

export function probeRun(
  baseUrl: string,
  path: string,
  intervalMs: number,
  durationMs: number,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<LoadResult> {
  // Its own connections: a probe never queues behind another request on a shared socket.
  return measured(
    baseUrl,
    { keepAlive: false },
    async (request) => {
      const pending: Promise<void>[] = []
      const started = performance.now()
      for (let at = 0; at < durationMs; at += intervalMs) {
        const wait = started + at - performance.now()
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
        pending.push(request(path))
      }
      await Promise.all(pending)
    },
    timeoutMs,
  )
}

export function burstRun(
  baseUrl: string,
  path: string,
  connections: number,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<LoadResult> {
  const all = async (request: (path: string) => Promise<void>) => {
    await Promise.all(Array.from({ length: connections }, () => request(path)))
  }
  return measured(baseUrl, { keepAlive: false, maxSockets: connections }, all, timeoutMs)
}
