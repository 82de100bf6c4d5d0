/**
 * A MongoDB URL split into the part settings.json may hold in clear and its password (a secret), cut as
 * the redactor cuts URLs (redact.ts).
 */
import { splitUserinfo } from '../redact.ts'

/** The URL without its password (the user name stays), and the password when there is one. */
export function splitMongoPassword(url: string): { url: string; password?: string } {
  const p = splitUserinfo(url)
  if (p?.password === undefined) return { url }
  return { url: `${p.scheme}${p.user}@${p.rest}`, password: p.password }
}

/** Puts a password back into a URL saved without it. */
export function joinMongoPassword(url: string, password: string): string {
  const p = splitUserinfo(url)
  if (!p) return url
  return `${p.scheme}${p.user}:${password}@${p.rest}`
}
