/** Handlers that stand for others loaded on the first call: each forwards to the one of the same name. */
import type { CallName } from '../../../src-preload/names.ts'

type Handler = (args: never) => Promise<unknown>

export function deferredHandlers<H extends { [N in CallName]?: Handler }>(
  names: readonly (keyof H & CallName)[],
  load: () => Promise<H>,
): H {
  let loaded: Promise<H> | undefined
  const deferred: Partial<Record<CallName, (args: unknown) => Promise<unknown>>> = {}
  for (const name of names) {
    deferred[name] = async (args) => {
      loaded ??= load()
      const handler = (await loaded)[name] as unknown as (args: unknown) => Promise<unknown>
      return handler(args)
    }
  }
  return deferred as unknown as H
}
