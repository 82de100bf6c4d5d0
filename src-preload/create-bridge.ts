/**
 * The logic behind `window.medallion`, kept free of `electron` so it can be tested in plain Node:
 * `index.ts` hands it a transport built on ipcRenderer and exposes the result with contextBridge.
 *
 * The allow-lists are the contract's own names. The inputs are not validated here: main does that
 * with the contract's schemas, because the renderer (and so anything the preload forwards) is untrusted.
 */
import type { CallInput, CallOutput, EventPayloads, MedallionBridge } from './contract.ts'
import { type CallName, type EventName, isCallName, isEventName } from './names.ts'

/** How the bridge reaches main; in the app this is ipcRenderer on the two channels of `channels.ts`. */
export interface BridgeTransport {
  /** Sends one call and resolves with main's result envelope. */
  invoke(name: CallName, input: unknown): Promise<unknown>
  /** Starts delivering main's events to `listener`; returns a function that stops it. */
  listen(listener: (name: unknown, payload: unknown) => void): () => void
}

export type CodedError = Error & { code: string }

/**
 * contextBridge copies only an Error's message into the page (its `code` and even its name are lost),
 * so the code also travels at the front of the message as `[code] message`. The renderer's IPC client
 * reads it back with `restoreError` (src-renderer/api/ipc-client.ts).
 */
export function codedError(code: string, message: string): CodedError {
  const err = new Error(`[${code}] ${message}`) as CodedError
  err.code = code
  return err
}

function fromEnvelope(name: CallName, envelope: unknown): unknown {
  if (typeof envelope === 'object' && envelope !== null) {
    if ('result' in envelope) return envelope.result
    if ('error' in envelope && typeof envelope.error === 'object' && envelope.error !== null) {
      const { code, message } = envelope.error as { code?: unknown; message?: unknown }
      throw codedError(
        typeof code === 'string' ? code : 'internal',
        typeof message === 'string' ? message : `${name} failed`,
      )
    }
  }
  throw codedError('bad_envelope', `${name}: main answered with something that is not a result envelope`)
}

export function createBridge(transport: BridgeTransport): MedallionBridge {
  const listeners = new Map<EventName, Set<(payload: never) => void>>()
  let stopListening: (() => void) | null = null

  const deliver = (name: unknown, payload: unknown): void => {
    if (!isEventName(name)) return
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        ;(listener as (p: unknown) => void)(payload)
      } catch (err) {
        // One failing listener must not starve the others.
        console.error(`medallion: a ${name} listener threw`, err)
      }
    }
  }

  return {
    async invoke<N extends CallName>(name: N, input?: CallInput<N>): Promise<CallOutput<N>> {
      if (!isCallName(name)) {
        throw codedError('unknown_call', `unknown call ${JSON.stringify(String(name)).slice(0, 80)}`)
      }
      let envelope: unknown
      try {
        envelope = await transport.invoke(name, input)
      } catch (err) {
        throw codedError('ipc_failed', `${name}: ${err instanceof Error ? err.message : String(err)}`)
      }
      return fromEnvelope(name, envelope) as CallOutput<N>
    },

    subscribe<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      if (!isEventName(event)) {
        throw codedError('unknown_event', `unknown event ${JSON.stringify(String(event)).slice(0, 80)}`)
      }
      if (typeof listener !== 'function') throw codedError('invalid_input', 'subscribe needs a function')
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
      }
      // Wrapped so the same function subscribed twice gets two independent subscriptions.
      const entry = (payload: never) => listener(payload)
      set.add(entry)
      stopListening ??= transport.listen(deliver)
      let active = true
      return () => {
        if (!active) return
        active = false
        set.delete(entry)
        if (set.size === 0) listeners.delete(event)
        if (listeners.size === 0 && stopListening) {
          stopListening()
          stopListening = null
        }
      }
    },
  }
}
