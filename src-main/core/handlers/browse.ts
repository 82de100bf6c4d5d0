/**
 * The contract's data browser calls, answered through the core's current lake and MongoDB. The CSV
 * export needs a save dialog, so the core refuses `data.browseExport`; the Electron main process answers
 * it (src-main/browse-export-dialog.ts), and a browser downloads GET /export/… instead.
 */
import type { BROWSE_CALLS } from '../../../src-preload/names-browse.ts'
import type { Core } from '../app-core.ts'
import { BrowseService } from '../browse/browse-service.ts'
import { MedallionError } from '../errors.ts'
import type { HandlersOf } from '../rpc.ts'
import { windowOnlyMessage } from './window-only.ts'

export function browseHandlers(
  core: Pick<Core, 'lake' | 'mongo' | 'options'>,
): HandlersOf<typeof BROWSE_CALLS> {
  const browse = new BrowseService(core, core.options.dataDir)
  return {
    'data.browseTables': (input) => browse.tables(input),
    'data.browse': (query) => browse.page(query),
    'data.browseStats': (query) => browse.stats(query),
    'data.browseExport': async () => {
      throw new MedallionError('unavailable', windowOnlyMessage('data.browseExport', core.options.dataDir))
    },
  }
}
