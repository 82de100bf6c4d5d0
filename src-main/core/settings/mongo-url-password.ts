/**
 * A MongoDB URL split into the part settings.json may hold in clear and its password (a secret). The
 * credentials end at the URL's last '@', as in mongo-config.ts: a password may hold an unencoded '@', '/'
 * or '?', and several hosts (`h1,h2`) defeat URL parsers, so this works on the text.
 */

interface UrlParts {
  /** `mongodb://` or `mongodb+srv://` */
  scheme: string
  user: string
  /** As written (percent-encoded or not); undefined when the URL has none. */
  password?: string
  /** Everything after the credentials: hosts, database, options. */
  rest: string
}

function parts(url: string): UrlParts | undefined {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0]
  if (!scheme) return undefined
  const afterScheme = url.slice(scheme.length)
  const at = afterScheme.lastIndexOf('@')
  if (at < 0) return { scheme, user: '', rest: afterScheme }
  const userinfo = afterScheme.slice(0, at)
  const colon = userinfo.indexOf(':')
  return {
    scheme,
    user: colon < 0 ? userinfo : userinfo.slice(0, colon),
    ...(colon < 0 ? {} : { password: userinfo.slice(colon + 1) }),
    rest: afterScheme.slice(at + 1),
  }
}

/** The URL without its password (the user name stays), and the password when there is one. */
export function splitMongoPassword(url: string): { url: string; password?: string } {
  const p = parts(url)
  if (p?.password === undefined) return { url }
  return { url: `${p.scheme}${p.user}@${p.rest}`, password: p.password }
}

/** Puts a password back into a URL saved without it. */
export function joinMongoPassword(url: string, password: string): string {
  const p = parts(url)
  if (!p) return url
  return `${p.scheme}${p.user}:${password}@${p.rest}`
}
