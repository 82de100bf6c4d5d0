/** The contract's saved-watch calls: the data folder's watched folders, and who runs them. */
import type { WATCHES_CALLS } from '../../../src-preload/names-watches.ts'
import type { Core } from '../app-core.ts'
import { currentOwner } from '../automation/owner-lease.ts'
import { addWatch, readWatches, removeWatch } from '../automation/watch-store.ts'
import type { HandlersOf } from '../rpc.ts'

export function watchesHandlers(core: Pick<Core, 'options'>): HandlersOf<typeof WATCHES_CALLS> {
  const { dataDir } = core.options
  return {
    'watches.list': async () => ({ watches: readWatches(dataDir), owner: currentOwner(dataDir) }),
    'watches.add': (args) => addWatch(dataDir, args),
    'watches.remove': async ({ id }) => {
      await removeWatch(dataDir, id)
      return { removed: true }
    },
  }
}
