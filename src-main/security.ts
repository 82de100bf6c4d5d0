/**
 * The window's security policy as plain functions (no `electron` import, so it can be tested in Node):
 * which URLs are the app's own pages, which external URLs may be opened in the system browser, the
 * Content-Security-Policy sent with the app's pages.
 */
import { fileURLToPath } from 'node:url'

/**
 * Local service consoles the app may open in the system browser: Metabase (3000), MLflow (5001), the
 * MinIO console (9001) and the Spark master UI (8080), on localhost or 127.0.0.1. Everything else is refused.
 */
export const EXTERNAL_ORIGINS: ReadonlySet<string> = new Set(
  ['localhost', '127.0.0.1'].flatMap((host) =>
    [3000, 5001, 8080, 9001].map((port) => `http://${host}:${port}`),
  ),
)

/**
 * Sent as a response header with the app's pages, on top of the `<meta>` in src-renderer/index.html.
 * `frame-ancestors` only works as a header, which is why the two differ.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/** True for an http(s) URL whose origin is on `EXTERNAL_ORIGINS` and that carries no credentials. */
export function isAllowedExternalUrl(url: string): boolean {
  const parsed = parse(url)
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return false
  if (parsed.username || parsed.password) return false
  return EXTERNAL_ORIGINS.has(parsed.origin)
}

/**
 * Builds the test for "this URL is one of the app's own pages". With a dev server (http) that is any
 * URL of the same origin; with the built renderer on the app's scheme (app://medallion/) any page of that
 * host; for a page loaded from a file (file:) that one file, whatever its hash or query (the router lives
 * in the hash), and no other file on disk.
 */
export function appPageMatcher(appUrl: string): (url: string) => boolean {
  const app = parse(appUrl)
  if (!app) throw new Error(`the app URL is not a URL: ${appUrl}`)
  if (app.protocol === 'file:') {
    const appPath = fileURLToPath(app)
    return (url) => {
      const parsed = parse(url)
      if (!parsed || parsed.protocol !== 'file:' || parsed.host !== app.host) return false
      try {
        return fileURLToPath(parsed) === appPath
      } catch {
        return false
      }
    }
  }
  if (app.protocol === 'app:') {
    // The app's own scheme (src-main/app-scheme.ts): any page of its one host. URL gives such a scheme no
    // origin ("null"), so scheme and host are compared.
    return (url) => {
      const parsed = parse(url)
      return parsed?.protocol === 'app:' && parsed.host === app.host && !parsed.username && !parsed.password
    }
  }
  if (app.protocol !== 'http:' && app.protocol !== 'https:') {
    throw new Error(`the app URL must be http(s), app: or file: ${appUrl}`)
  }
  return (url) => parse(url)?.origin === app.origin
}
