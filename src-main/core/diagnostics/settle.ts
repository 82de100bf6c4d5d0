/**
 * One read of a diagnostics source that cannot sink the export: a failure or a source that does not
 * answer in time (an engine socket that hangs) becomes a message recorded in the archive.
 */
import { errorMessage } from '../errors.ts'

export type Settled<T> = { ok: true; value: T } | { ok: false; error: string }

export const DEFAULT_SOURCE_TIMEOUT_MS = 15_000

export async function settle<T>(
  what: string,
  read: () => Promise<T>,
  timeoutMs = DEFAULT_SOURCE_TIMEOUT_MS,
): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    )
  })
  try {
    return { ok: true, value: await Promise.race([read(), late]) }
  } catch (err) {
    return { ok: false, error: errorMessage(err) || String(err) }
  } finally {
    clearTimeout(timer)
  }
}
