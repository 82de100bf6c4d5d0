/**
 * A serving store whose code and driver (Polars for the lake, the MongoDB driver) load with its first
 * request: commands that never serve (`medallion runs`, `generate`, `up`) then start without them.
 */
import { servedPage } from './served-page.ts'
import type { ServingStore } from './serving-store.ts'

export function lazyStore(kind: ServingStore['kind'], load: () => Promise<ServingStore>): ServingStore {
  let loaded: Promise<ServingStore> | undefined
  const store = () => {
    loaded ??= load()
    return loaded
  }
  return {
    kind,
    health: async () => (await store()).health(),
    kpis: async () => (await store()).kpis(),
    list: async (spec, query) => (await store()).list(spec, query),
    page: async (spec, query) => servedPage(await store(), spec, query),
    byKeys: async (spec, keys) => (await store()).byKeys(spec, keys),
    sales: async (filter) => (await store()).sales(filter),
    // Nothing loaded yet means nothing cached yet: the first request reads the lake anyway.
    refresh: () => {
      loaded?.then((s) => s.refresh?.()).catch(() => {})
    },
    close: async () => {
      if (loaded) await (await loaded).close()
    },
  }
}
