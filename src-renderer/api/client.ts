/**
 * What the pages talk to: the contract's `invoke` and `subscribe`, whatever carries them. Inside
 * Electron that is the preload's `window.medallion` (IPC); in a browser (web mode, `medallion serve`) it
 * is HTTP: `POST /rpc/<call>` and the server-sent events of `GET /events`. `pickClient()` is the one
 * place that chooses.
 */
import type { MedallionBridge } from '../../src-preload/contract.ts'
import { markReachable, markTokenRefused, markUnreachable } from './connection-state.ts'
import { createHttpClient } from './http-client.ts'
import { createIpcClient } from './ipc-client.ts'

/** Same shape as the preload's bridge. Rejections are `Error`s with a `code` (see `ClientError`). */
export type MedallionClient = MedallionBridge

export type ClientError = Error & { code: string }

export function isClientError(err: unknown): err is ClientError {
  return err instanceof Error && typeof (err as Partial<ClientError>).code === 'string'
}

/** The one way the clients build the errors they reject with. */
export function clientError(code: string, message: string): ClientError {
  const err = new Error(message) as ClientError
  err.code = code
  return err
}

/** A client for a page opened where no transport exists: every call fails with a clear message. */
function unavailableClient(): MedallionClient {
  return {
    invoke: async () => {
      throw clientError(
        'no_client',
        'Medallion is not connected: open it from its desktop window, or run `medallion serve` and open the address it prints.',
      )
    },
    subscribe: () => () => {},
  }
}

export function pickClient(): MedallionClient {
  if (typeof window === 'undefined') return unavailableClient()
  if (window.medallion) return createIpcClient(window.medallion)
  // A page served over HTTP(S) talks to the server that served it (same origin: the CSP allows no other).
  const { protocol } = window.location
  if ((protocol === 'http:' || protocol === 'https:') && typeof fetch === 'function') {
    return createHttpClient({
      onUnauthorized: markTokenRefused,
      onUnreachable: markUnreachable,
      onReachable: markReachable,
    })
  }
  return unavailableClient()
}
