/** A page component loaded from its own chunk on first render (React.lazy over a named export). */
import { type ComponentType, type LazyExoticComponent, lazy } from 'react'

export function lazyPage<M extends Record<N, ComponentType>, N extends keyof M & string>(
  load: () => Promise<M>,
  name: N,
): LazyExoticComponent<M[N]> {
  return lazy(async () => ({ default: (await load())[name] }))
}
