/**
 * The contract's import calls (issue 14), answered through the core: the preview of a folder or an upload.
 * Choosing files on the desktop (a dialog, a drop) is refused here; the window answers those itself
 * (src-main/import-choice.ts).
 */
import type { IMPORT_CALLS } from '../../../src-preload/names-import.ts'
import type { Core } from '../app-core.ts'
import { MedallionError } from '../errors.ts'
import { previewSources } from '../import/source-preview.ts'
import type { HandlersOf } from '../rpc.ts'
import { type WindowOnlyCall, windowOnlyMessage } from './window-only.ts'

function windowOnly(core: Pick<Core, 'options'>, name: WindowOnlyCall): () => Promise<never> {
  return async () => {
    throw new MedallionError('unavailable', windowOnlyMessage(name, core.options.dataDir))
  }
}

export function importHandlers(core: Pick<Core, 'options'>): HandlersOf<typeof IMPORT_CALLS> {
  const { dataDir, paths, now } = core.options
  return {
    'sources.preview': (args) =>
      previewSources({ dataDir, workerEntry: paths.pipelineWorker, ...(now ? { now } : {}) }, args),
    'app.importChoose': windowOnly(core, 'app.importChoose'),
    'app.importDropped': windowOnly(core, 'app.importDropped'),
  }
}
