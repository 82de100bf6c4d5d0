/**
 * The client over Electron IPC: a thin wrapper around the preload's `window.medallion` that gives
 * rejected calls their `code` back. contextBridge copies only an Error's message across, so the preload
 * puts the code at the front of the message as `[code] message` (src-preload/create-bridge.ts).
 */
import type { MedallionBridge } from '../../src-preload/contract.ts'
import type { ClientError, MedallionClient } from './client.ts'

const CODE_PREFIX = /^\[([A-Za-z0-9_.:-]{1,64})\] ([\s\S]*)$/

/** Turns whatever the bridge rejected with into an `Error` with a `code` and the plain message. */
export function restoreError(err: unknown): ClientError {
  const raw = err instanceof Error ? err.message : String(err)
  const match = CODE_PREFIX.exec(raw)
  const carried = err instanceof Error ? (err as Partial<ClientError>).code : undefined
  const code = typeof carried === 'string' ? carried : (match?.[1] ?? 'internal')
  const restored = new Error(match?.[2] ?? raw) as ClientError
  restored.code = code
  return restored
}

export function createIpcClient(bridge: MedallionBridge): MedallionClient {
  return {
    async invoke(name, input) {
      try {
        return await bridge.invoke(name, input)
      } catch (err) {
        throw restoreError(err)
      }
    },
    subscribe: (event, listener) => bridge.subscribe(event, listener),
  }
}
