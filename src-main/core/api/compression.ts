/**
 * The HTTP server's one compression layer: every answer (the UI's files, the read API's and /rpc's JSON,
 * owner routes) is sent brotli- or gzip-compressed when the request's Accept-Encoding allows it. Left as
 * they are: the event stream (text/event-stream must reach the page event by event), CSV exports (large
 * streams whose back-pressure and memory bounds are designed around the socket), already-encoded bodies,
 * HEAD, bodiless statuses and answers too small to gain (a known length under MIN_COMPRESSED_BYTES; a
 * streamed answer, of unknown length, is a big one: json-stream.ts streams only big pages).
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { promisify } from 'node:util'
import { brotliCompress, constants, createBrotliCompress, createGzip, gzip } from 'node:zlib'

export type ContentEncoding = 'br' | 'gzip'

/** Below this many bytes (when known) compression costs more than it saves. */
export const MIN_COMPRESSED_BYTES = 1024

const COMPRESSIBLE = /^(text\/(html|css|javascript|plain)|application\/(json|javascript)|image\/svg\+xml)\b/
const BODILESS = new Set([204, 304])

/** The encoding to answer with: brotli, else gzip, if the client accepts it (a `;q=0` refuses). */
export function negotiateEncoding(
  acceptEncoding: string | string[] | undefined,
): ContentEncoding | undefined {
  const accepted = new Map<string, number>()
  for (const part of [acceptEncoding ?? ''].flat().join(',').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    if (name) accepted.set(name, q ? Number(q.slice(2)) : 1)
  }
  const wants = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0
  if (wants('br')) return 'br'
  if (wants('gzip')) return 'gzip'
  return undefined
}

/** True for a body of this type and size (when known) that compression makes smaller. */
export function isCompressible(contentType: string, length: number): boolean {
  return COMPRESSIBLE.test(contentType) && (!Number.isFinite(length) || length >= MIN_COMPRESSED_BYTES)
}

function worthCompressing(res: ServerResponse): boolean {
  if (BODILESS.has(res.statusCode) || res.statusCode < 200) return false
  if (res.getHeader('Content-Encoding')) return false
  return isCompressible(String(res.getHeader('Content-Type') ?? ''), Number(res.getHeader('Content-Length')))
}

function compressor(encoding: ContentEncoding) {
  return encoding === 'br'
    ? // Quality 4: most of brotli's gain (within ~5 % of quality 5) at half its time, for answers made per request.
      createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
    : createGzip()
}

/**
 * Makes `res` compress what is written to it when worthwhile. Installed once per request, before any
 * handler runs; handlers keep writing plain bytes (writeHead, write, end, or piping a file).
 */
export function compressResponse(req: IncomingMessage, res: ServerResponse): void {
  const encoding = req.method === 'HEAD' ? undefined : negotiateEncoding(req.headers['accept-encoding'])
  if (!encoding) return
  const writeHead = res.writeHead.bind(res) as (status: number) => ServerResponse
  // Uncompressed answers keep every argument (encoding, callback) the handler passed.
  const write = res.write.bind(res) as (...args: unknown[]) => boolean
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
  let zip: ReturnType<typeof compressor> | undefined
  let decided = false

  const decide = () => {
    if (decided) return
    decided = true
    // The answer differs by Accept-Encoding whether compressed or not: caches must know.
    const vary = res.getHeader('Vary')
    res.setHeader('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding')
    if (!worthCompressing(res)) return
    res.removeHeader('Content-Length')
    res.setHeader('Content-Encoding', encoding)
    const stream = compressor(encoding)
    zip = stream
    // A client gone mid-answer: stop compressing for it rather than write to a closed response.
    res.once('close', () => stream.destroy())
    // Compressed bytes wait for a slow reader too: the compressor pauses until the socket drains, and
    // its own full buffer then tells the handler (write() false, 'drain') to wait in turn.
    stream.on('data', (chunk: Buffer) => {
      if (!res.destroyed && !write(chunk)) stream.pause()
    })
    res.on('drain', () => {
      if (stream.isPaused()) stream.resume()
    })
    stream.on('end', () => end())
    stream.on('drain', () => res.emit('drain'))
    stream.on('error', () => res.destroy())
  }

  res.writeHead = ((status: number, ...rest: [(string | OutgoingHttpHeaders)?, OutgoingHttpHeaders?]) => {
    if (typeof rest[0] === 'string') res.statusMessage = rest[0]
    const headers = typeof rest[0] === 'string' ? rest[1] : rest[0]
    // Headers as given (an object, or node's flat [name, value, …] list) become set headers, so that
    // the decision below sees them and can change Content-Length and Content-Encoding.
    const pairs = Array.isArray(headers)
      ? headers.flatMap((v, i, all) => (i % 2 === 0 ? [[String(v), all[i + 1]] as const] : []))
      : Object.entries(headers ?? {})
    for (const [name, value] of pairs) if (value !== undefined) res.setHeader(name, value)
    res.statusCode = status
    decide()
    return writeHead(status)
  }) as ServerResponse['writeHead']
  res.write = ((...args: unknown[]) => {
    if (!res.headersSent) res.writeHead(res.statusCode)
    return zip ? zip.write(args[0] as Buffer) : write(...args)
  }) as ServerResponse['write']
  res.end = ((...args: unknown[]) => {
    if (!res.headersSent) res.writeHead(res.statusCode)
    if (!zip) return end(...args)
    const [chunk] = args
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') zip.end(chunk as Buffer)
    else zip.end()
    return res
  }) as ServerResponse['end']
}

const brotliOnce = promisify(brotliCompress)
const gzipOnce = promisify(gzip)

/** Files kept compressed at most; the renderer has a few dozen. */
const MAX_COMPRESSED_FILES = 256

/**
 * Compressed copies of served files, made once per file version and encoding, at a high quality (brotli 9:
 * ~15 % smaller than 4 at 10× its time, paid once; 11 costs 10× more again for ~9 %). Without it every page load recompressed the
 * renderer's chunks: on a busy machine that CPU time came before the first paint.
 */
export class CompressedFiles {
  private readonly copies = new Map<string, Promise<Buffer>>()

  /** `version` changes with the file's content (its size and modification time). */
  get(
    file: string,
    version: string,
    encoding: ContentEncoding,
    read: () => Promise<Buffer>,
  ): Promise<Buffer> {
    const key = `${encoding} ${version} ${file}`
    let copy = this.copies.get(key)
    if (!copy) {
      copy = read().then((bytes) =>
        encoding === 'br'
          ? brotliOnce(bytes, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 9,
                [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
              },
            })
          : gzipOnce(bytes, { level: 9 }),
      )
      // Oldest first out: a rebuilt renderer's old versions go as the new ones come.
      if (this.copies.size >= MAX_COMPRESSED_FILES)
        this.copies.delete(this.copies.keys().next().value as string)
      this.copies.set(key, copy)
      // A failed read is not kept: the next request tries again.
      copy.catch(() => {
        if (this.copies.get(key) === copy) this.copies.delete(key)
      })
    }
    return copy
  }
}
