/**
 * How to reach the S3 lake (MinIO) without leaking its secret key. The original's variables:
 * MINIO_ENDPOINT (`host:port` or a URL), MINIO_ACCESS_KEY / MINIO_SECRET_KEY (the server's own
 * MINIO_ROOT_USER / MINIO_ROOT_PASSWORD accepted too, and `minioadmin` by default as in the original),
 * MINIO_SECURE=true for https; plus MINIO_REGION. Not configured (no MINIO_ENDPOINT): the local lake.
 */
import type { Layer } from '../../../src-preload/contract.ts'
import { MedallionError } from '../errors.ts'
import { maskSecret } from '../redact.ts'

export interface S3LakeConfig {
  /** The S3 endpoint as a URL with its scheme, e.g. http://127.0.0.1:9000 */
  endpoint: string
  accessKey: string
  secretKey: string
  /** Default us-east-1 (what MinIO answers unless configured otherwise). */
  region?: string
  /** The bucket of each layer; default bronze, silver, gold. */
  buckets?: Record<Layer, string>
  /** A local folder for staged layers and downloaded copies of committed ones. */
  cacheDir: string
}

export const DEFAULT_S3_REGION = 'us-east-1'
export const DEFAULT_S3_BUCKETS: Readonly<Record<Layer, string>> = {
  bronze: 'bronze',
  silver: 'silver',
  gold: 'gold',
}
/** The original's default credentials (MinIO's own defaults). */
const DEFAULT_KEY = 'minioadmin'
const MASK = '****'

function firstSet(env: Record<string, string | undefined>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim()
    if (value) return value
  }
  return undefined
}

/** `host:port` (the original's form) becomes a URL; MINIO_SECURE picks https. Checked, so a typo fails early. */
export function endpointUrl(raw: string, secure: boolean): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `${secure ? 'https' : 'http'}://${raw}`
  // Quoted without anything before an '@': a password written into the URL must not reach a message.
  const shown = raw.replace(/^(.*:\/\/)?.*@/, '$1****@')
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new MedallionError(
      'invalid_config',
      `MINIO_ENDPOINT "${shown}" is not a host:port or an http(s) URL`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new MedallionError('invalid_config', `MINIO_ENDPOINT "${shown}" must use http or https`)
  }
  if (url.username || url.password) {
    // Credentials in the URL would end up in every message that names the endpoint.
    throw new MedallionError(
      'invalid_config',
      'MINIO_ENDPOINT must not carry credentials: set MINIO_ACCESS_KEY and MINIO_SECRET_KEY',
    )
  }
  return url.origin
}

export function s3ConfigFromEnv(
  env: Record<string, string | undefined>,
  cacheDir: string,
): S3LakeConfig | undefined {
  const endpoint = firstSet(env, 'MINIO_ENDPOINT')
  if (!endpoint) return undefined
  return {
    endpoint: endpointUrl(endpoint, firstSet(env, 'MINIO_SECURE')?.toLowerCase() === 'true'),
    accessKey: firstSet(env, 'MINIO_ACCESS_KEY', 'MINIO_ROOT_USER') ?? DEFAULT_KEY,
    secretKey: firstSet(env, 'MINIO_SECRET_KEY', 'MINIO_ROOT_PASSWORD') ?? DEFAULT_KEY,
    region: firstSet(env, 'MINIO_REGION') ?? DEFAULT_S3_REGION,
    cacheDir,
  }
}

/** The text with every form of the secret key (as written, URL-encoded or decoded…) replaced by `****`. */
export function redactSecretKey(text: string, secretKey: string): string {
  return maskSecret(text, secretKey, MASK)
}
