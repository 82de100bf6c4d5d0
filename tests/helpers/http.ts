/**
 * Raw HTTP for tests, on node:http (node:https for an https:// base): the path is sent exactly as given
 * (fetch would normalise `/../`) and any header can be set, Host and Origin included.
 */
import { type Agent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'

export interface HttpAnswer {
  status: number
  headers: IncomingHttpHeaders
  text: string
  json(): unknown
}

export interface HttpOptions {
  method?: string
  headers?: Record<string, string>
  body?: string
  /** A keep-alive agent to reuse connections; by default each request opens its own. */
  agent?: Agent
  /** HTTPS: the certificate to trust (a test's self-signed one). */
  ca?: string | Buffer
}

export function http(baseUrl: string, path: string, options: HttpOptions = {}): Promise<HttpAnswer> {
  const base = new URL(baseUrl)
  const request = base.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname.replace(/^\[|\]$/g, ''),
        port: base.port,
        path,
        method: options.method ?? 'GET',
        headers: { ...options.headers },
        agent: options.agent ?? false,
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** The launch token as scripts send it (`medallion serve`'s /rpc and /events want it). */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` }
}

/** A parsed JSON answer; tests read its fields freely and let the assertions check them. */
// biome-ignore lint/suspicious/noExplicitAny: assertions check the shape
export type Json = any

/** GET as JSON: status and parsed body. */
export async function getJson(baseUrl: string, path: string): Promise<{ status: number; body: Json }> {
  const answer = await http(baseUrl, path)
  return { status: answer.status, body: answer.json() }
}

export function postJson(
  baseUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return http(baseUrl, path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  })
}

/** Opens a stream (e.g. server-sent events) and hands back the response as it arrives. */
export function openStream(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ res: IncomingMessage; close(): void }> {
  const base = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: base.hostname, port: base.port, path, headers, agent: false }, (res) =>
      resolve({ res, close: () => req.destroy() }),
    )
    req.on('error', reject)
    req.end()
  })
}

/** A response's whole body, as bytes. */
export function readAll(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    res.on('data', (c: Buffer) => chunks.push(c))
    res.on('end', () => resolve(Buffer.concat(chunks)))
    res.on('error', reject)
  })
}
