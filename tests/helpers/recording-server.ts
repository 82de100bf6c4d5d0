/**
 * A real node:http server on a free loopback port that records every request it receives (method, path,
 * headers) and answers with a given handler, or forwards to another server (a recording proxy): to see
 * what a client sends (an Authorization header), or to answer what a real server would not (a redirect).
 */
import { createServer, type IncomingHttpHeaders, request, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
}

export interface RecordingServer {
  /** http://127.0.0.1:<port> */
  url: string
  requests: RecordedRequest[]
  close(): Promise<void>
}

export type Answer = (req: RecordedRequest, res: ServerResponse) => void

/** `answer`: a handler, or `{ forward }` to relay each request (body and all) to that server unchanged. */
export async function startRecordingServer(answer: Answer | { forward: string }): Promise<RecordingServer> {
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers }
    requests.push(recorded)
    if (typeof answer === 'function') {
      req.resume()
      answer(recorded, res)
      return
    }
    const target = new URL(answer.forward)
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers)
        reply.pipe(res)
      },
    )
    upstream.on('error', () => {
      res.writeHead(502).end()
    })
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Answers every request with a redirect to the same path on `to`. */
export function redirectTo(to: string, status = 302): Answer {
  return (req, res) => {
    res.writeHead(status, { Location: `${to}${req.path}` }).end()
  }
}
