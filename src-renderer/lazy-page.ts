/** A page component loaded from its own chunk on first render (React.lazy over a named export). */
import { type ComponentType, createElement, type LazyExoticComponent, lazy } from 'react'
import { markUnreachable, whenReachableAgain } from './api/connection-state.ts'

/** Shown in place of a page whose chunk could not be fetched, until the page reloads. */
function WaitingForServer() {
  return createElement('output', { className: 'page-loading' }, 'Waiting for the server to load this page…')
}

/** A lazy page whose chunk can be asked for before it renders. */
export type LazyPage = LazyExoticComponent<ComponentType> & {
  /** Starts fetching the page's chunk (and the chunks it imports) now; asked once, shared with the render. */
  preload(): void
}

export function lazyPage<M extends Record<N, ComponentType>, N extends keyof M & string>(
  load: () => Promise<M>,
  name: N,
): LazyPage {
  let loading: Promise<M> | undefined
  const loadOnce = () => {
    loading ??= load()
    return loading
  }
  const page = lazy(async (): Promise<{ default: ComponentType }> => {
    try {
      return { default: (await loadOnce())[name] }
    } catch {
      // Opened while the server is down: the connection bar says so, and since the browser keeps a failed
      // module import failed, the page reloads (on the same route) once the server answers again.
      markUnreachable()
      whenReachableAgain(() => window.location.reload())
      return { default: WaitingForServer }
    }
  })
  return Object.assign(page, {
    preload: () => {
      // A failure is the render's to report (the same promise rejects there).
      loadOnce().catch(() => {})
    },
  })
}
