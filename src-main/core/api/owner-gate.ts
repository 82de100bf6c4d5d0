/**
 * Who is the server's owner: a request carrying the launch token, as `Authorization: Bearer <token>`
 * (scripts) or as the cookie a page gets by opening the printed `?token=` URL once. The cookie's name
 * carries the port, so two servers on one machine (cookies ignore ports) do not overwrite each other's.
 * Routes that act, stream or show personal data declare they need the owner; `require` answers the 401.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendJson } from './http-io.ts'
import { sameToken } from './web-token.ts'

export const TOKEN_PARAM = 'token'

export interface OwnerGateOptions {
  token: string
  port: number
  /** Served over HTTPS: the cookie is then `Secure`. */
  secure: boolean
}

function unauthorized(res: ServerResponse, message: string): void {
  sendJson(
    res,
    401,
    { error: { code: 'unauthorized', message } },
    { 'WWW-Authenticate': 'Bearer realm="medallion"' },
  )
}

export class OwnerGate {
  readonly cookieName: string

  constructor(private readonly options: OwnerGateOptions) {
    this.cookieName = `medallion_token_${options.port}`
  }

  isOwner(req: IncomingMessage): boolean {
    const authorization = req.headers.authorization
    if (authorization !== undefined) {
      const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization)?.[1]
      return sameToken(this.options.token, bearer)
    }
    return sameToken(this.options.token, this.cookie(req))
  }

  /** True when the request may go on; otherwise the 401 is sent (and the body drained). */
  require(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.isOwner(req)) return true
    req.resume()
    unauthorized(
      res,
      'this needs the token of this `medallion serve` launch: open the URL with ?token=… that it printed, ' +
        'or send Authorization: Bearer <token>',
    )
    return false
  }

  /**
   * A GET of any page with `?token=`: a valid token becomes the cookie and the browser is sent to the same
   * URL without it, so the token does not stay in the address bar or the history; a wrong one is a 401.
   * False when the URL carries no token (the request goes on as usual).
   */
  exchange(req: IncomingMessage, res: ServerResponse, path: string, search: URLSearchParams): boolean {
    if (!search.has(TOKEN_PARAM) || (req.method !== 'GET' && req.method !== 'HEAD')) return false
    const given = search.get(TOKEN_PARAM) ?? undefined
    if (!sameToken(this.options.token, given)) {
      unauthorized(
        res,
        'the token in this URL is not the one of this `medallion serve` launch: open the URL it printed last',
      )
      return true
    }
    const rest = new URLSearchParams(search)
    rest.delete(TOKEN_PARAM)
    const query = rest.toString()
    // One leading slash only: `//evil.example` in Location would send the browser to another host.
    const local = `/${path.replace(/^[/\\]+/, '')}`
    const attributes = ['HttpOnly', 'SameSite=Strict', 'Path=/', ...(this.options.secure ? ['Secure'] : [])]
    res.writeHead(303, {
      Location: `${local}${query ? `?${query}` : ''}`,
      'Set-Cookie': `${this.cookieName}=${this.options.token}; ${attributes.join('; ')}`,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'Content-Length': 0,
    })
    res.end()
    return true
  }

  private cookie(req: IncomingMessage): string | undefined {
    const header = req.headers.cookie
    if (!header) return undefined
    for (const pair of header.split(';')) {
      const eq = pair.indexOf('=')
      if (eq !== -1 && pair.slice(0, eq).trim() === this.cookieName) return pair.slice(eq + 1).trim()
    }
    return undefined
  }
}
