/**
 * The contract's files calls, answered through the core. Only the desktop window has a save dialog, so
 * the core refuses `files.save`; the Electron main process answers it instead (src-main/files-save-dialog.ts).
 */
import type { FILES_CALLS } from '../../../src-preload/names-files.ts'
import type { Core } from '../app-core.ts'
import { MedallionError } from '../errors.ts'
import type { HandlersOf } from '../rpc.ts'
import { windowOnlyMessage } from './window-only.ts'

export function filesHandlers(core: Core): HandlersOf<typeof FILES_CALLS> {
  return {
    'files.save': async () => {
      throw new MedallionError('unavailable', windowOnlyMessage('files.save', core.options.dataDir))
    },
  }
}
