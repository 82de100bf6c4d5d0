/**
 * The route lives in `location.hash` (no router dependency): `#/pipeline/runs/<id>` is the page `pipeline`
 * and the rest of the path, each segment URL-decoded, which the page reads to show one of its views.
 */
import { useEffect, useState } from 'react'

/**
 * `#/pipeline/runs/a%2Fb` → ['pipeline', 'runs', 'a/b']; `#pipeline` → ['pipeline']; '' → []. A query
 * after the path (`#/data?layer=silver&table=rejects`) is the page's own: not a segment.
 */
export function hashSegments(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    .replace(/\?.*$/s, '')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment)
      } catch {
        // A malformed escape is kept as typed: it matches no page or run, and the page says so.
        return segment
      }
    })
}

/** The current hash's segments, following hash changes (links, the back button, a reload). */
export function useHashSegments(): string[] {
  // No window when a page is rendered outside a browser (server-side rendering in tests): the page's root.
  const [segments, setSegments] = useState(() =>
    typeof window === 'undefined' ? [] : hashSegments(window.location.hash),
  )
  useEffect(() => {
    const onChange = () => setSegments(hashSegments(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return segments
}
