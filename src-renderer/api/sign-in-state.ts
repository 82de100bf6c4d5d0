/**
 * Whether the web server refused this page for want of the launch token (a 401): set by the HTTP client,
 * read by the banner that says which URL to open. The window (IPC) never sets it.
 */
import { useSyncExternalStore } from 'react'

let refused = false
const listeners = new Set<() => void>()

export function markTokenRefused(): void {
  if (refused) return
  refused = true
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function isRefused(): boolean {
  return refused
}

export function useTokenRefused(): boolean {
  return useSyncExternalStore(subscribe, isRefused, isRefused)
}
