/**
 * How to reach the serving MongoDB without leaking its password: MONGO_URL (the original's MONGO_URI
 * accepted too) and MONGO_DB (default gold_serving), the URL with its password masked for messages, and
 * driver errors turned into messages that never quote a secret (the driver sometimes echoes the URL).
 */
import type { MongoClient } from 'mongodb'
import { maskSecret, redactUrl, redactUrlCredentials, urlPassword } from '../redact.ts'

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

/**
 * The URL with its password replaced by `****` (the user name stays: it helps and is not secret), and
 * secret query options (TLS key password, cloud session tokens) too. Works for several hosts and for
 * passwords with unencoded `/`, `?` or `@`, where URL parsers fail (see redact.ts).
 */
export function redactMongoUrl(url: string): string {
  return redactUrl(url, MASK)
}

/** Removes the URL's password (and any credentials written as a URL) from a text. */
export function redactSecrets(text: string, url?: string): string {
  let out = text
  if (url) {
    out = out.split(url).join(redactMongoUrl(url))
    out = maskSecret(out, urlPassword(url), MASK)
  }
  return redactUrlCredentials(out, MASK)
}

/** Same, knowing only a client (the password sits in its parsed credentials). */
export function redactClientSecrets(text: string, client: MongoClient): string {
  return maskSecret(redactSecrets(text), client.options.credentials?.password, MASK)
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
