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

  /** Answers GET/HEAD for `rawPath` (still percent-encoded, without the query). */
  async serve(rawPath: string, method: string, res: ServerResponse): Promise<void> {
    let path: string
    try {
      path = decodeURIComponent(rawPath)
    } catch {
      return sendJson(res, 400, { error: 'the path is not valid percent-encoding' })
    }
    if (path === '/' || path === '') path = '/index.html'
    const segments = path.split('/')
    if (path.includes('\0') || path.includes('\\') || segments.includes('..')) {
      return sendJson(res, 403, { error: 'refused: the path leaves the web root' })
    }
    if (segments.some((s) => s.startsWith('.'))) return this.notFound(res, rawPath)
    const candidate = join(this.root, ...segments)
    if (!inside(this.root, candidate))
      return sendJson(res, 403, { error: 'refused: the path leaves the web root' })
    let file: string
    let size: number
    try {
      file = await realpath(candidate)
      const info = await stat(file)
      if (!info.isFile()) return this.notFound(res, rawPath)
      size = info.size
    } catch {
      return this.notFound(res, rawPath)
    }
    if (!inside(this.root, file))
      return sendJson(res, 403, { error: 'refused: the path leaves the web root' })
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': size,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      // The renderer's assets are content-hashed, index.html is not: revalidate everything, it is local.
      'Cache-Control': 'no-cache',
    })
    if (method === 'HEAD') {
      res.end()
      return
    }
    await new Promise<void>((resolve) => {
      const stream = createReadStream(file)
      stream.on('error', () => {
        res.destroy()
        resolve()
      })
      stream.on('end', resolve)
      stream.pipe(res)
    })
  }

  private notFound(res: ServerResponse, rawPath: string): void {
    sendJson(res, 404, { error: `no file or route ${JSON.stringify(rawPath.slice(0, 200))}` })
  }
}
