/**
 * Keeps other web sites out of a server on loopback. A page elsewhere can make the browser send requests
 * to 127.0.0.1 (CSRF), or rebind its own name to 127.0.0.1 and read the answers (DNS rebinding). So:
 * the Host header must be this server's own loopback name and port (a rebound name is not), and a
 * request carrying an Origin (or Sec-Fetch-Site) must come from that same origin.
 */
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (bare === 'localhost' || bare === '::1') return true
  return isIP(bare) === 4 && bare.startsWith('127.')
}

function hostWithPort(host: string, port: number): string {
  return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`.toLowerCase()
}

export class RequestGuard {
  private readonly hosts: ReadonlySet<string>

  constructor(boundHost: string, port: number) {
    const names = ['127.0.0.1', 'localhost', '::1']
    if (isLoopbackHost(boundHost)) names.push(boundHost)
    this.hosts = new Set(names.map((h) => hostWithPort(h, port)))
  }

  /** Why the Host header is not this server's loopback host:port, or undefined when it is. */
  hostProblem(req: IncomingMessage): string | undefined {
    const host = (req.headers.host ?? '').toLowerCase()
    if (this.hosts.has(host)) return undefined
    return `refused: Host ${JSON.stringify(host.slice(0, 100))} is not this server's loopback address`
  }

  /** Host, then same origin: for the calls that act (/rpc) or stream (/events). */
  originProblem(req: IncomingMessage): string | undefined {
    const hostProblem = this.hostProblem(req)
    if (hostProblem) return hostProblem
    const origin = req.headers.origin
    if (origin !== undefined && origin.toLowerCase() !== `http://${(req.headers.host ?? '').toLowerCase()}`) {
      return `refused: a request from ${JSON.stringify(origin.slice(0, 100))}, another origin`
    }
    const site = req.headers['sec-fetch-site']
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return `refused: a ${site} request`
    }
    return undefined
  }
}
