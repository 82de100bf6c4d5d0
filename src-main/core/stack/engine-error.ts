/**
 * Reading errors from the engine: dockerode wraps the engine's JSON message in "(HTTP code 500) server
 * error - …"; user-facing messages want just the engine's words, and callers branch on the status code.
 */

export function engineStatusCode(err: unknown): number | undefined {
  const code = (err as { statusCode?: unknown } | null)?.statusCode
  return typeof code === 'number' ? code : undefined
}

export function isNotFound(err: unknown): boolean {
  return engineStatusCode(err) === 404
}

/** The engine's own explanation (its JSON `message`), or the connection error, without dockerode's prefix. */
export function engineReason(err: unknown): string {
  const json = (err as { json?: unknown } | null)?.json
  if (json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string') {
    return (json as { message: string }).message.trim()
  }
  if (!(err instanceof Error)) return String(err)
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'ECONNREFUSED') return 'connection refused (nothing listens there)'
  if (code === 'ENOENT') return 'no such socket'
  if (code === 'EACCES') return 'permission denied'
  return err.message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim()
}

/** The engine could not bind a published host port (Docker and Podman word it differently). */
export function isPortInUseError(err: unknown): boolean {
  return /address already in use|port is already allocated|bind: /i.test(engineReason(err))
}
