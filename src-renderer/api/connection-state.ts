/**
 * Whether the page reaches the core, for the one connection bar: set by the HTTP client (a fetch that
 * fails or an event stream that drops: disconnected; any answer: connected; a 401: not signed in). A 401
 * after an answer means the server was restarted with a new token. The window (IPC) never sets it.
 */
import { useSyncExternalStore } from 'react'

export type Connection =
  | { state: 'connected' }
  | { state: 'disconnected' }
  | {
      state: 'signed-out' /** This page had been answered before: the server restarted with a new token. */
      restarted: boolean
    }

let current: Connection = { state: 'connected' }
let answered = false
const listeners = new Set<() => void>()

function set(next: Connection): void {
  if (next.state === current.state) return
  current = next
  for (const listener of listeners) listener()
}

export function markReachable(): void {
  answered = true
  // A page refused for its token stays refused until it is reopened with the new URL.
  if (current.state === 'disconnected') set({ state: 'connected' })
}

export function markUnreachable(): void {
  if (current.state === 'connected') set({ state: 'disconnected' })
}

export function markTokenRefused(): void {
  set({ state: 'signed-out', restarted: answered })
}

/** Calls `then` once, the next time the page is connected after being disconnected. */
export function whenReachableAgain(then: () => void): void {
  const listener = () => {
    if (current.state !== 'connected') return
    listeners.delete(listener)
    then()
  }
  listeners.add(listener)
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const snapshot = (): Connection => current

export function useConnection(): Connection {
  return useSyncExternalStore(subscribe, snapshot, snapshot)
}
