/**
 * The one redactor: credentials out of URLs, free text and JSON-like values before anything leaves the core
 * (messages, logs, the diagnostics archive). User names and hosts stay: they help and are not secret.
 */

export const REDACTED = '***'

/** Shorter known secrets are ignored by redactText: masking every "pw" or "abc" would shred the text. */
export const MIN_SECRET_LENGTH = 4

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i

/**
 * How the name of a field that holds a secret ends, however it is written: MINIO_SECRET_KEY,
 * secretAccessKey, tlsCertificateKeyFilePassword, X-Amz-Security-Token, api-key… (`accessKey` is an id,
 * not a secret). authMechanismProperties carries AWS session tokens in MongoDB URLs.
 */
const SECRET_NAME_END = [
  '(?:pass(?:word|wd)|secrets?|token|api[_-]?key|secret[_-]?(?:access[_-]?)?key|private[_-]?key',
  '|credentials?|authMechanismProperties)',
].join('')

/** A secret-named query parameter: `?password=…`, `&tlsCertificateKeyFilePassword=…`. */
const SECRET_QUERY = new RegExp(String.raw`([?&][\w.-]*?${SECRET_NAME_END}=)[^&#\s]*`, 'gi')

/**
 * `scheme://user:password@` anywhere in a text. The password runs to the last '@' of the word (an unencoded
 * '@', '/' or '?' may sit in it: masking too much only hides a host), but never into the next URL.
 */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):((?:(?![a-z][a-z0-9+.-]*:\/\/)\S)*)@/gi

/** `password=…`, `"token": "…"`, `MINIO_SECRET_KEY: …` (not inside a URL's userinfo, handled above). */
const SECRET_PAIR = new RegExp(
  String.raw`((?<![\w.-]|:\/\/)[\w.-]*?${SECRET_NAME_END}["']?[ \t]*[=:][ \t]*)("(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'|[^\s"'&,;]+)`,
  'gi',
)

/** `Authorization: Basic …`, `authorization=token …`: the scheme word stays, the credentials go. */
const AUTHORIZATION =
  /(\b(?:proxy-)?authorization["']?[ \t]*[=:][ \t]*["']?)(?:(basic|bearer|token|digest|negotiate|aws4-hmac-sha256)[ \t]+)?[^\s"',;]+/gi
/** A bearer token outside a header; at least 8 characters, so that "the bearer of" stays prose. */
const BEARER = /\b(bearer[ \t]+)[\w.~+/-]{8,}=*/gi
const COOKIE = /(\b(?:set-)?cookie["']?[ \t]*[:=][ \t]*["']?)[^\r\n"']+/gi

/** Field names whose values are secrets, compared lower-case without `_`, `-`, `.` or spaces. */
const SECRET_KEY_WORDS = [
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'privatekey',
  'credential',
  'authorization',
  'cookie',
  'authmechanismproperties',
]

export interface Userinfo {
  scheme: string
  user: string
  password?: string
  /** Everything after the credentials: hosts, path, query. */
  rest: string
}

/**
 * A URL's scheme, user, password and the rest, cut on the text: the credentials end at its last '@'
 * (passwords may hold an unencoded '@', '/' or '?'), and several hosts (`h1,h2`) defeat URL parsers.
 */
export function splitUserinfo(url: string): Userinfo | undefined {
  const scheme = SCHEME.exec(url)?.[0]
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

/** The password a URL carries, as written (percent-encoded or not); undefined when it has none. */
export function urlPassword(url: string): string | undefined {
  return splitUserinfo(url)?.password
}

/**
 * The URL with the password of its userinfo (and secret-named query parameters) replaced by the mask; the
 * user stays. Any scheme; several hosts (`h1,h2`) and unencoded '@', '/' or '?' in passwords, where URL
 * parsers fail. Text that is not a URL comes back unchanged.
 */
export function redactUrl(url: string, mask = REDACTED): string {
  const parts = splitUserinfo(url)
  const out = parts?.password === undefined ? url : `${parts.scheme}${parts.user}:${mask}@${parts.rest}`
  return out.replace(SECRET_QUERY, `$1${mask}`)
}

/** Every `scheme://user:password@` inside a longer text, the user kept. */
export function redactUrlCredentials(text: string, mask = REDACTED): string {
  return text.replace(URL_CREDENTIALS, `$1:${mask}@`)
}

function base64Forms(secret: string): string[] {
  const base64 = Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, '')
  return [base64, base64.replace(/\+/g, '-').replace(/\//g, '_')]
}

/** A secret as it may be written: as is, percent-encoded or decoded, JSON-escaped, base64 (long enough ones). */
function secretForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])
  try {
    forms.add(decodeURIComponent(secret))
  } catch {
    // Not valid percent-encoding: the raw form is masked already.
  }
  if (secret.length >= MIN_SECRET_LENGTH) for (const form of base64Forms(secret)) forms.add(form)
  return [...forms].filter((form) => form.length > 0)
}

/** Longest first, so a secret that contains another is masked whole. */
function byLengthDescending(forms: Iterable<string>): string[] {
  return [...new Set(forms)].sort((a, b) => b.length - a.length)
}

function maskForms(text: string, forms: readonly string[], mask: string): string {
  let out = text
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(mask)
  return out
}

/** Every form of one known secret masked, whatever its length (for callers that hold the exact secret). */
export function maskSecret(text: string, secret: string | undefined, mask = REDACTED): string {
  if (!secret) return text
  return maskForms(text, byLengthDescending(secretForms(secret)), mask)
}

/** The forms of the known secrets worth masking, prepared once for many texts. */
function knownSecretForms(secrets: Iterable<string> | undefined): string[] {
  const forms: string[] = []
  for (const secret of secrets ?? []) {
    if (secret.length >= MIN_SECRET_LENGTH) forms.push(...secretForms(secret))
  }
  return byLengthDescending(forms.filter((form) => form.length >= MIN_SECRET_LENGTH))
}

function quotedMask(value: string, mask: string): string {
  const quote = value[0]
  return quote === '"' || quote === "'" ? `${quote}${mask}${quote}` : mask
}

function redactPatterns(text: string, mask: string): string {
  return redactUrlCredentials(text, mask)
    .replace(
      AUTHORIZATION,
      (_, head: string, scheme?: string) => `${head}${scheme ? `${scheme} ` : ''}${mask}`,
    )
    .replace(BEARER, `$1${mask}`)
    .replace(COOKIE, `$1${mask}`)
    .replace(SECRET_PAIR, (_, head: string, value: string) => `${head}${quotedMask(value, mask)}`)
}

function redactTextWith(text: string, forms: readonly string[], mask: string): string {
  return redactPatterns(maskForms(text, forms, mask), mask)
}

/** redactText with the forms of the known secrets prepared once, for a redactor applied to many texts. */
export function textRedactor(secrets: Iterable<string>, mask = REDACTED): (text: string) => string {
  const forms = knownSecretForms(secrets)
  return (text) => redactTextWith(text, forms, mask)
}

/** Only the known secrets masked (no patterns): safe on serialized JSON, whose shape must not change. */
export function maskKnownSecrets(text: string, secrets: Iterable<string>, mask = REDACTED): string {
  return maskForms(text, knownSecretForms(secrets), mask)
}

/**
 * Free text with its credentials masked: URL userinfo passwords, `password=…`-style pairs, Authorization
 * and Cookie headers, bearer tokens, and every occurrence of each known secret (any common encoding;
 * secrets shorter than MIN_SECRET_LENGTH are ignored).
 */
export function redactText(text: string, secrets?: Iterable<string>, mask = REDACTED): string {
  return redactTextWith(text, knownSecretForms(secrets), mask)
}

/** A field name that says its value is a secret (password, secretAccessKey, api_key, Authorization…). */
export function isSecretName(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[\s_.-]/g, '')
  return SECRET_KEY_WORDS.some((word) => normalized.includes(word))
}

/** Booleans and nulls under a secret name only tell whether a secret is set, so they stay. */
function hidesSecret(value: unknown): boolean {
  return value !== null && value !== undefined && typeof value !== 'boolean'
}

/** `{ key: 'minioSecretKey', value }` or `{ name: 'MINIO_SECRET_KEY', value }`: the value is the secret. */
function namesSecretValue(record: Record<string, unknown>): boolean {
  const name = typeof record.key === 'string' ? record.key : record.name
  return typeof name === 'string' && isSecretName(name) && 'value' in record
}

function redactDeep(value: unknown, forms: readonly string[], seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactTextWith(value, forms, REDACTED)
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'function' || typeof value === 'symbol') return undefined
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (seen.has(value)) return '[circular]'
  seen.add(value)
  try {
    if (Array.isArray(value)) return value.map((item) => redactDeep(item, forms, seen) ?? null)
    if (value instanceof Error) {
      return { name: value.name, message: redactTextWith(value.message, forms, REDACTED) }
    }
    const record = value as Record<string, unknown>
    const secretValue = namesSecretValue(record)
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(record)) {
      const hidden = (isSecretName(key) || (secretValue && key === 'value')) && hidesSecret(item)
      const copy = hidden ? REDACTED : redactDeep(item, forms, seen)
      // Keys are names, not free text: only known secrets are masked there, so the shape stays.
      if (copy !== undefined) out[maskForms(key, forms, REDACTED)] = copy
    }
    return out
  } finally {
    seen.delete(value)
  }
}

/**
 * A deep copy of JSON-like data with values under secret-named keys replaced by `***` and every string
 * passed through redactText. Dates become ISO strings, errors `{ name, message }`, functions are dropped.
 */
export function redactValue(value: unknown, secrets?: Iterable<string>): unknown {
  return redactDeep(value, knownSecretForms(secrets), new WeakSet())
}

/** A value that is a mask already (`****`), not a secret to learn. */
const MASK_ONLY = /^\*+$/

function learnable(value: string): boolean {
  return value.length >= MIN_SECRET_LENGTH && !MASK_ONLY.test(value)
}

/** The passwords of the URLs written in a text: once learnt, they are masked wherever else they appear. */
export function secretsInText(text: string): string[] {
  const found = new Set<string>()
  for (const match of text.matchAll(URL_CREDENTIALS)) {
    const password = match[2]
    if (password !== undefined && learnable(password)) found.add(password)
  }
  return [...found]
}

/** The secrets JSON-like data holds: text under secret-named keys and the passwords of its URLs. */
export function secretsInValue(value: unknown): string[] {
  const found = new Set<string>()
  const seen = new WeakSet<object>()
  const visit = (item: unknown, secretName: boolean): void => {
    if (typeof item === 'string') {
      if (secretName && learnable(item)) found.add(item)
      for (const password of secretsInText(item)) found.add(password)
      return
    }
    if (item === null || typeof item !== 'object' || seen.has(item)) return
    seen.add(item)
    if (Array.isArray(item)) {
      for (const element of item) visit(element, secretName)
      return
    }
    const record = item as Record<string, unknown>
    const secretValue = namesSecretValue(record)
    for (const [key, child] of Object.entries(record)) {
      visit(child, secretName || isSecretName(key) || (secretValue && key === 'value'))
    }
  }
  visit(value, false)
  return [...found]
}

/** Variables whose whole value is a secret. */
const SECRET_VARIABLE = /^(?:MINIO_SECRET_KEY|AWS_SECRET_ACCESS_KEY)$|_(?:PASSWORD|SECRET|TOKEN|SECRET_KEY)$/i

/**
 * The secret values an environment holds, as Medallion knows them: the password inside MONGO_URL,
 * MONGO_URI, MLFLOW_TRACKING_URI (and any other variable holding a URL with a password), MINIO_SECRET_KEY,
 * AWS_SECRET_ACCESS_KEY, and every *_PASSWORD, *_SECRET, *_TOKEN, *_SECRET_KEY variable.
 */
export function secretsFromEnv(env: Record<string, string | undefined>): string[] {
  const secrets = new Set<string>()
  for (const [name, value] of Object.entries(env)) {
    const trimmed = value?.trim()
    if (!value || !trimmed) continue
    if (SECRET_VARIABLE.test(name)) secrets.add(trimmed).add(value)
    const password = urlPassword(trimmed)
    if (password) secrets.add(password)
  }
  return [...secrets]
}

/** A user or password as written in a URL (percent-encoded), as the value itself. */
export function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    // Not percent-encoding: taken as written.
    return text
  }
}

/** A URL without its userinfo, and the user and password it carried (as written, percent-encoding kept). */
export function stripUserinfo(url: string): { url: string; user?: string; password?: string } {
  const parts = splitUserinfo(url)
  if (!parts || parts.rest === url.slice(parts.scheme.length)) return { url }
  return {
    url: `${parts.scheme}${parts.rest}`,
    ...(parts.user ? { user: parts.user } : {}),
    ...(parts.password !== undefined ? { password: parts.password } : {}),
  }
}

/** How much of a foreign server's answer a message may quote. */
export const FOREIGN_EXCERPT_CHARS = 120

// Terminal escape sequences (colours, cursor moves) go whole; then every control character (C0, DEL,
// C1) and the bidi overrides that could reorder a message on screen.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const ANSI_ESCAPE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-_]/g
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g

/**
 * A short, safe quote of text another server sent (an error body, a header): control characters out,
 * white space folded, credentials redacted, then cut to `max` characters with an ellipsis.
 */
export function foreignExcerpt(
  text: string,
  secrets?: Iterable<string>,
  max = FOREIGN_EXCERPT_CHARS,
): string {
  const flat = redactText(
    text.replace(ANSI_ESCAPE, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim(),
    secrets,
  )
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`
}
