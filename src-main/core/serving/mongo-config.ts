/**
 * How to reach the serving MongoDB without leaking its password: MONGO_URL (the original's MONGO_URI
 * accepted too) and MONGO_DB (default gold_serving), the URL with its password masked for messages, and
 * driver errors turned into messages that never quote a secret (the driver sometimes echoes the URL).
 */
import { MongoClient, type MongoClientOptions } from 'mongodb'
import { errorMessage, MedallionError } from '../errors.ts'

export interface MongoConfig {
  url: string
  db: string
}

export const DEFAULT_MONGO_DB = 'gold_serving'

const MASK = '****'

export function mongoConfigFromEnv(
  env: Record<string, string | undefined> = process.env,
): MongoConfig | undefined {
  const url = (env.MONGO_URL || env.MONGO_URI)?.trim()
  if (!url) return undefined
  return { url, db: env.MONGO_DB?.trim() || DEFAULT_MONGO_DB }
}

/** Query options whose values are secrets (TLS key password, cloud session tokens). */
const SECRET_OPTIONS = /([?&](?:tlsCertificateKeyFilePassword|authMechanismProperties)=)[^&#]*/gi

/** Where a URL's credentials end: its last '@' (an unencoded '@', '/' or '?' may sit in a password). */
function credentialsEnd(rest: string): number {
  // Masking too much (an '@' in the query) only hides the host; masking too little would show a password.
  return rest.lastIndexOf('@')
}

/**
 * The URL with its password replaced by `****` (the user name stays: it helps and is not secret).
 * Works for several hosts and for passwords with unencoded `/`, `?` or `@`, where URL parsers fail.
 */
export function redactMongoUrl(url: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0]
  let out = url
  if (scheme) {
    const rest = url.slice(scheme.length)
    const at = credentialsEnd(rest)
    const userinfo = at >= 0 ? rest.slice(0, at) : ''
    const colon = userinfo.indexOf(':')
    if (colon >= 0) out = `${scheme}${userinfo.slice(0, colon)}:${MASK}@${rest.slice(at + 1)}`
  }
  return out.replace(SECRET_OPTIONS, `$1${MASK}`)
}

/** The password a URL carries, if any (as written, percent-encoded or not). */
function urlPassword(url: string): string | undefined {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0]
  if (!scheme) return undefined
  const rest = url.slice(scheme.length)
  const at = credentialsEnd(rest)
  const userinfo = at >= 0 ? rest.slice(0, at) : ''
  const colon = userinfo.indexOf(':')
  return colon >= 0 ? userinfo.slice(colon + 1) : undefined
}

function maskAll(text: string, secret: string | undefined): string {
  if (!secret) return text
  const forms = new Set([secret, encodeURIComponent(secret)])
  try {
    forms.add(decodeURIComponent(secret))
  } catch {
    // Not valid percent-encoding: the raw form is masked already.
  }
  let out = text
  for (const form of forms) if (form) out = out.split(form).join(MASK)
  return out
}

/** Any `scheme://user:password@` in free text (up to the last '@' of the word, as for a URL). */
const CREDENTIALS_IN_TEXT = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s]*@/gi

/** Removes the URL's password (and any credentials written as a URL) from a text. */
export function redactSecrets(text: string, url?: string): string {
  let out = text
  if (url) {
    out = out.split(url).join(redactMongoUrl(url))
    out = maskAll(out, urlPassword(url))
  }
  return out.replace(CREDENTIALS_IN_TEXT, `$1:${MASK}@`)
}

/** Same, knowing only a client (the password sits in its parsed credentials). */
export function redactClientSecrets(text: string, client: MongoClient): string {
  return maskAll(redactSecrets(text), client.options.credentials?.password)
}

/** Where a client points, without credentials: `mongodb://host:port[,host:port]`. */
export function describeClient(client: MongoClient): string {
  const hosts = client.options.hosts.map((h) => h.toString()).join(',')
  return `mongodb://${hosts || '?'}`
}

/** Errors that mean "the server cannot be reached" rather than "the server said no". */
export function isUnreachable(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name ?? ''
  return /MongoServerSelectionError|MongoNetwork|MongoTopologyClosedError|MongoNotConnectedError/.test(name)
}

/** The server refused the URL's credentials (MongoDB error 18, AuthenticationFailed). */
export function isAuthFailure(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null
  return e?.code === 18 || /authentication failed/i.test(String(e?.message ?? ''))
}

/**
 * A client with short timeouts (a dead server must not stall a request or a task for the driver's
 * default 30 s). A malformed URL is reported without the URL's password.
 */
export function createMongoClient(url: string, options: MongoClientOptions = {}): MongoClient {
  try {
    return new MongoClient(url, { serverSelectionTimeoutMS: 5_000, connectTimeoutMS: 5_000, ...options })
  } catch (err) {
    throw new MedallionError(
      'invalid_config',
      `MONGO_URL ${redactMongoUrl(url)} is not a valid MongoDB connection string: ${redactSecrets(errorMessage(err), url)}`,
    )
  }
}
