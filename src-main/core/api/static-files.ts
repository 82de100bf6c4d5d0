/**
 * Serves the built renderer's files from one folder: `/` is index.html, content types by extension, the
 * app's CSP on every file. Nothing outside the folder is reachable: `..` (plain or percent-encoded),
 * backslashes, NUL bytes and dot-files are refused, and symlinks are followed only if they stay inside.
 */
import { createReadStream, realpathSync } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, isAbsolute, join, relative, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../../security.ts'
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
  file: string
  size: number
  contentType: string
}

export interface RefusedPath {
  status: 400 | 403 | 404
  error: string
}

/** The headers every served file carries: its type, the app's CSP, and no caching of index.html. */
export function staticHeaders(found: LocatedFile): Record<string, string> {
  return {
    'Content-Type': found.contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    // The renderer's assets are content-hashed, index.html is not: revalidate everything, it is local.
    'Cache-Control': 'no-cache',
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

export class StaticFiles {
  private readonly root: string

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
      return { file, size: info.size, contentType }
    } catch {
      return notFound
    }
  }

  /** Answers GET/HEAD for `rawPath` (still percent-encoded, without the query). */
  async serve(rawPath: string, method: string, res: ServerResponse): Promise<void> {
    const found = await this.locate(rawPath)
    if ('error' in found) return sendJson(res, found.status, { error: found.error })
    res.writeHead(200, { ...BASE_HEADERS, ...staticHeaders(found), 'Content-Length': found.size })
    if (method === 'HEAD') {
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
