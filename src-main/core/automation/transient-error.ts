/**
 * Whether a failure is worth another try: the network (refused, reset, timed out), a server failing rather
 * than refusing (HTTP 5xx, 429), MongoDB's network and server-selection errors, a busy data lock or publish
 * lease. Everything else — bad files, gates, validation, credentials — fails at once: trying again changes
 * nothing. Follows `cause` (the core wraps driver errors in MedallionErrors that keep them there).
 */

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** The core's own codes for "not there right now" (the lake, MLflow, a lock or lease someone else holds). */
const TRANSIENT_CODES = new Set([
  'lake_unreachable',
  'mlflow_unreachable',
  'data_locked',
  'publish_in_progress',
])

/** The driver's error classes for a server that did not answer (by name: the driver loads only to publish). */
const MONGO_NETWORK_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoTopologyClosedError',
  'TimeoutError',
])

interface FailureShape {
  name?: unknown
  code?: unknown
  status?: unknown
  statusCode?: unknown
  $metadata?: { httpStatusCode?: unknown }
  cause?: unknown
  errors?: unknown
}

function isServerFailure(status: unknown): boolean {
  return typeof status === 'number' && (status >= 500 || status === 429)
}

export function isTransientError(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 5) return false
  const failure = err as FailureShape
  if (
    typeof failure.code === 'string' &&
    (NETWORK_CODES.has(failure.code) || TRANSIENT_CODES.has(failure.code))
  )
    return true
  if (typeof failure.name === 'string' && MONGO_NETWORK_NAMES.has(failure.name)) return true
  if ([failure.status, failure.statusCode, failure.$metadata?.httpStatusCode].some(isServerFailure))
    return true
  // fetch's "fetch failed" keeps the socket's error in `cause`; a dual-stack connect, in AggregateError's list.
  if (Array.isArray(failure.errors) && failure.errors.some((e) => isTransientError(e, depth + 1))) return true
  return isTransientError(failure.cause, depth + 1)
}
