/** A page component loaded from its own chunk on first render (React.lazy over a named export). */
import { type ComponentType, createElement, type LazyExoticComponent, lazy } from 'react'
import { markUnreachable, whenReachableAgain } from './api/connection-state.ts'

/** Shown in place of a page whose chunk could not be fetched, until the page reloads. */
function WaitingForServer() {
  return createElement('output', { className: 'page-loading' }, 'Waiting for the server to load this page…')
}

export function lazyPage<M extends Record<N, ComponentType>, N extends keyof M & string>(
  load: () => Promise<M>,
  name: N,
): LazyExoticComponent<ComponentType> {
  return lazy(async (): Promise<{ default: ComponentType }> => {
    try {
      return { default: (await load())[name] }
    } catch {
      // Opened while the server is down: the connection bar says so, and since the browser keeps a failed
      // module import failed, the page reloads (on the same route) once the server answers again.
      markUnreachable()
      whenReachableAgain(() => window.location.reload())
      return { default: WaitingForServer }
    }
  })
}
