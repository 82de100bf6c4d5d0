/**
 * Keeps other web sites out. A page elsewhere can make the browser send requests to this server (CSRF),
 * or rebind its own name to this server's address and read the answers (DNS rebinding). So: the Host
 * header must be one of this server's names with its port (a rebound name is not) and a request carrying
 * an Origin (or Sec-Fetch-Site) must come from that same origin. On loopback the names are the loopback
 * ones; bound elsewhere they are an allow-list (`--allowed-hosts`, by default the machine's names and
 * addresses). These stop browsers; the launch token (owner-gate.ts) stops programs.
 */
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import { hostname, networkInterfaces } from 'node:os'

export const LOOPBACK_NAMES: readonly string[] = ['127.0.0.1', 'localhost', '::1']

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (bare === 'localhost' || bare === '::1') return true
  return isIP(bare) === 4 && bare.startsWith('127.')
}

/** 0.0.0.0 or ::, which listen on every address of the machine. */
export function isWildcardHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '')
  return bare === '0.0.0.0' || bare === '::' || bare === ''
}

/** `name:port` as a Host header spells it: IPv6 in brackets, lower case. */
export function hostWithPort(host: string, port: number): string {
  return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`.toLowerCase()
}

/** What a server bound beyond loopback accepts by default: the loopback names, the machine's name and addresses. */
export function defaultAllowedHosts(): string[] {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .flatMap((i) => (i ? [i.address.replace(/%.*$/, '')] : []))
  return [...new Set([...LOOPBACK_NAMES, hostname().toLowerCase(), ...addresses])]
}

export class RequestGuard {
  private readonly hosts: ReadonlySet<string>

  /**
   * `names`: the host names (no port) this server answers to; `scheme`: http or https, for the
   * same-origin check. The default port of the scheme may also be left out of the Host header.
   */
  constructor(
    names: readonly string[],
    port: number,
    private readonly scheme: 'http' | 'https' = 'http',
  ) {
    const defaultPort = scheme === 'https' ? 443 : 80
    this.hosts = new Set(
      names.flatMap((h) => {
        const withPort = hostWithPort(h, port)
        return port === defaultPort ? [withPort, withPort.slice(0, withPort.lastIndexOf(':'))] : [withPort]
      }),
    )
  }

  /** Why the Host header is not one of this server's names with its port, or undefined when it is. */
  hostProblem(req: IncomingMessage): string | undefined {
    const host = (req.headers.host ?? '').toLowerCase()
    if (this.hosts.has(host)) return undefined
    return `refused: Host ${JSON.stringify(host.slice(0, 100))} is not one of this server's names`
  }

  /** Host, then same origin: for the calls that act (/rpc) or stream (/events). */
  originProblem(req: IncomingMessage): string | undefined {
    const hostProblem = this.hostProblem(req)
    if (hostProblem) return hostProblem
    const origin = req.headers.origin
    const own = `${this.scheme}://${(req.headers.host ?? '').toLowerCase()}`
    if (origin !== undefined && origin.toLowerCase() !== own) {
      return `refused: a request from ${JSON.stringify(origin.slice(0, 100))}, another origin`
    }
    const site = req.headers['sec-fetch-site']
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return `refused: a ${site} request`
    }
    return undefined
  }
}
