/**
 * The one bar that says the core cannot be reached, instead of every panel repeating its error. While
 * disconnected it tries again with a growing wait (1 s, 2 s, 4 s … 30 s) and, once the core answers,
 * refetches every query. Refused for the token (a 401): it says to open the URL `medallion serve`
 * printed — the new one when this page had been signed in and the server restarted with a new token.
 */
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { useConnection } from '../../api/connection-state.ts'
import { useClient } from '../../api/hooks.ts'
import './errors.css'

const FIRST_WAIT_MS = 1_000
const LONGEST_WAIT_MS = 30_000

/** Retries with backoff while disconnected; `retry` asks at once (the Retry button). */
function useReconnect(disconnected: boolean): { retry: () => void; waitMs: number } {
  const client = useClient()
  const queryClient = useQueryClient()
  const [waitMs, setWaitMs] = useState(FIRST_WAIT_MS)
  const wasDisconnected = useRef(false)
  useEffect(() => {
    if (!disconnected) {
      // Back (not the first render): every panel asks again, so none keeps the error it got meanwhile.
      if (wasDisconnected.current) void queryClient.invalidateQueries()
      wasDisconnected.current = false
      setWaitMs(FIRST_WAIT_MS)
      return
    }
    wasDisconnected.current = true
    const timer = setTimeout(() => {
      // Any answer marks the connection back (the HTTP client does); a failure keeps the bar.
      client.invoke('app.info', {}).catch(() => setWaitMs((was) => Math.min(was * 2, LONGEST_WAIT_MS)))
    }, waitMs)
    return () => clearTimeout(timer)
  }, [disconnected, waitMs, client, queryClient])
  return { retry: () => void client.invoke('app.info', {}).catch(() => {}), waitMs }
}

export function ConnectionBar() {
  const connection = useConnection()
  const { retry, waitMs } = useReconnect(connection.state === 'disconnected')
  if (connection.state === 'signed-out') {
    return (
      <section className="banner" aria-live="polite" data-testid="sign-in-banner" data-problem="unreachable">
        <h2 className="banner-title">
          {connection.restarted
            ? 'The Medallion server was restarted with a new token'
            : 'This page is not signed in to the Medallion server'}
        </h2>
        <p>
          {connection.restarted ? 'Open the new URL' : 'Open the URL'} that <code>medallion serve</code>{' '}
          printed when it started (it ends with <code>?token=…</code>; each launch prints a new one, unless{' '}
          <code>MEDALLION_TOKEN</code> or <code>--token-file</code> fixes it).
        </p>
      </section>
    )
  }
  if (connection.state !== 'disconnected') return null
  return (
    <output className="connection-bar" aria-live="polite" data-testid="connection-bar">
      <strong>Disconnected from the Medallion server.</strong>{' '}
      <span>
        Check that <code>medallion serve</code> is still running; this page reconnects by itself (next try in{' '}
        {Math.round(waitMs / 1000)} s).
      </span>{' '}
      <button type="button" className="button button-small" onClick={retry}>
        Retry now
      </button>
    </output>
  )
}
