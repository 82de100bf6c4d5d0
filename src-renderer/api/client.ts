/**
 * What the pages talk to: the contract's `invoke` and `subscribe`, whatever carries them. Inside
 * Electron that is the preload's `window.medallion` (IPC); in a browser it will be HTTP (`/rpc` and
 * `/events`). `pickClient()` is the one place that chooses.
 */
import type { MedallionBridge } from '../../src-preload/contract.ts'
import { createIpcClient } from './ipc-client.ts'

/** Same shape as the preload's bridge. Rejections are `Error`s with a `code` (see `ClientError`). */
export type MedallionClient = MedallionBridge

export type ClientError = Error & { code: string }

export function isClientError(err: unknown): err is ClientError {
  return err instanceof Error && typeof (err as Partial<ClientError>).code === 'string'
}

function clientError(code: string, message: string): ClientError {
  const err = new Error(message) as ClientError
  err.code = code
  return err
}

/** A client for a page opened where no transport exists yet: every call fails with a clear message. */
function unavailableClient(): MedallionClient {
  return {
    invoke: async () => {
      throw clientError(
        'no_client',
        'Medallion is not connected: open it from its desktop window (the browser mode is not ready yet).',
      )
    },
    subscribe: () => () => {},
  }
}

export function pickClient(): MedallionClient {
  if (typeof window !== 'undefined' && window.medallion) return createIpcClient(window.medallion)
  // Web mode's HTTP client goes here.
  return unavailableClient()
}
