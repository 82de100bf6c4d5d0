/**
 * Serves the built renderer's files from one folder: `/` is index.html, content types by extension, the
 * app's CSP on every file. Nothing outside the folder is reachable: `..` (plain or percent-encoded),
 * backslashes, NUL bytes and dot-files are refused, and symlinks are followed only if they stay inside.
 */
import { createReadStream, realpathSync } from 'node:fs'
import { readFile, realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, isAbsolute, join, relative, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../../security.ts'
import { CompressedFiles, isCompressible, negotiateEncoding } from './compression.ts'
import { BASE_HEADERS, sendJson } from './http-io.ts'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}

export interface LocatedFile {
  /** The path asked for, as served (`/index.html` for `/`). */
  path: string
  file: string
  size: number
  /** The file's modification time (ms): with its size, the version its compressed copy belongs to. */
  mtimeMs: number
  contentType: string
}

/** Vite's output folder: every name in it carries its content's hash, so a name never changes content. */
const HASHED_ASSETS = '/assets/'

export interface RefusedPath {
  status: 400 | 403 | 404
  error: string
}

/** The headers every served file carries: its type, the app's CSP, and how long it may be cached. */
export function staticHeaders(found: LocatedFile): Record<string, string> {
  return {
    'Content-Type': found.contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    // A content-hashed asset never changes: kept without asking again. index.html and the rest (the
    // favicon) name the current assets, so they are revalidated.
    'Cache-Control': found.path.startsWith(HASHED_ASSETS)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

export class StaticFiles {
  private readonly root: string
  private readonly compressed = new CompressedFiles()

  constructor(root: string) {
    try {
      this.root = realpathSync(root)
    } catch {
      throw new Error(`the web root ${root} does not exist: build the renderer first (npm run build)`)
    }
  }

  /**
   * The file `rawPath` (still percent-encoded, without the query) names inside the root, or why there is
   * none. Web mode's HTTP server and the window's `app://` scheme both serve through this.
   */
  async locate(rawPath: string): Promise<LocatedFile | RefusedPath> {
    let path: string
    try {
      path = decodeURIComponent(rawPath)
    } catch {
      return { status: 400, error: 'the path is not valid percent-encoding' }
    }
    if (path === '/' || path === '') path = '/index.html'
    const segments = path.split('/')
    const leaves = { status: 403, error: 'refused: the path leaves the web root' } as const
    if (path.includes('\0') || path.includes('\\') || segments.includes('..')) return leaves
    const notFound = {
      status: 404,
      error: `no file or route ${JSON.stringify(rawPath.slice(0, 200))}`,
    } as const
    if (segments.some((s) => s.startsWith('.'))) return notFound
    const candidate = join(this.root, ...segments)
    if (!inside(this.root, candidate)) return leaves
    try {
      const file = await realpath(candidate)
      const info = await stat(file)
      if (!info.isFile()) return notFound
      if (!inside(this.root, file)) return leaves
      const contentType = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
      return { path, file, size: info.size, mtimeMs: info.mtimeMs, contentType }
    } catch {
      return notFound
    }
  }

  /**
   * Answers GET/HEAD for `rawPath` (still percent-encoded, without the query). A compressible file goes
   * out as its kept compressed copy when the request accepts one; the compression layer leaves an answer
   * that already has its Content-Encoding as it is.
   */
  async serve(rawPath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const found = await this.locate(rawPath)
    if ('error' in found) return sendJson(res, found.status, { error: found.error })
    const encoding = req.method === 'HEAD' ? undefined : negotiateEncoding(req.headers['accept-encoding'])
    if (encoding && isCompressible(found.contentType, found.size)) {
      const version = `${found.size}-${found.mtimeMs}`
      const bytes = await this.compressed.get(found.file, version, encoding, () => readFile(found.file))
      res.writeHead(200, {
        ...BASE_HEADERS,
        ...staticHeaders(found),
        'Content-Encoding': encoding,
        'Content-Length': bytes.length,
      })
      res.end(bytes)
      return
    }
    res.writeHead(200, { ...BASE_HEADERS, ...staticHeaders(found), 'Content-Length': found.size })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    await new Promise<void>((resolve) => {
      const stream = createReadStream(found.file)
      stream.on('error', () => {
        res.destroy()
        resolve()
      })
      stream.on('end', resolve)
      stream.pipe(res)
    })
  }
}
