/**
 * A bounded load run against a server on loopback: `connections` keep-alive clients each send requests
 * back to back (cycling through `paths`) until `durationMs` has passed. Only loopback URLs are accepted.
 */
import { Agent, request } from 'node:http'
import { summarize } from './percentiles.ts'

export interface LoadResult {
  requests: number
  errors: number
  /** Non-2xx answers, by status. */
  statuses: Record<string, number>
  rps: number
  p50: number
  p99: number
}

function get(agent: Agent, url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method: 'GET' }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

export async function loadRun(
  baseUrl: string,
  paths: string[],
  connections: number,
  durationMs: number,
): Promise<LoadResult> {
  const base = new URL(baseUrl)
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname))
    throw new Error(`load runs target loopback only, not ${base.hostname}`)
  const agent = new Agent({ keepAlive: true, maxSockets: connections })
  const deadline = performance.now() + durationMs
  const durations: number[] = []
  const statuses: Record<string, number> = {}
  let errors = 0
  const client = async (offset: number) => {
    for (let i = offset; performance.now() < deadline; i++) {
      const started = performance.now()
      try {
        const status = await get(agent, new URL(paths[i % paths.length] as string, base))
        durations.push(performance.now() - started)
        if (status < 200 || status >= 300) {
          statuses[status] = (statuses[status] ?? 0) + 1
          errors += 1
        }
      } catch {
        errors += 1
      }
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: connections }, (_, i) => client(i)))
  const elapsed = performance.now() - started
  agent.destroy()
  const s = summarize(durations)
  return {
    requests: durations.length,
    errors,
    statuses,
    rps: (durations.length / elapsed) * 1000,
    p50: s.p50,
    p99: s.p99,
  }
}
