/**
 * The window's page is served from the app's own scheme, `app://medallion/`, not from `file://`: the page
 * gets a real origin (its CSP's 'self' is that origin and nothing else on disk), the file protocol keeps no
 * extra privileges (a fuse turns them off), and every response carries the CSP. Files come from the built
 * renderer only, through the same resolver as web mode (no traversal, no dot-files, no symlink out).
 */
import { readFile } from 'node:fs/promises'
import { protocol, type Session } from 'electron'
import { StaticFiles, staticHeaders } from './core/api/static-files.ts'

export const APP_SCHEME = 'app'
export const APP_HOST = 'medallion'
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** Must run before the app is ready: the scheme behaves as https (secure, standard, fetch allowed). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

export function serveAppScheme(session: Session, webRoot: string): void {
  const files = new StaticFiles(webRoot)
  session.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return new Response('not found', { status: 404 })
    }
    const found = await files.locate(url.pathname)
    if ('error' in found) return new Response(found.error, { status: found.status })
    const body = request.method === 'HEAD' ? null : await readFile(found.file)
    return new Response(body, { status: 200, headers: staticHeaders(found) })
  })
}
