/** The contract's ml calls, answered through the core. */
import type { ML_CALLS } from '../../../src-preload/names-ml.ts'
import type { Core } from '../app-core.ts'
import { MlService } from '../ml/ml-service.ts'
import type { HandlersOf } from '../rpc.ts'

export function mlHandlers(core: Core): HandlersOf<typeof ML_CALLS> {
  const ml = new MlService(core)
  return {
    'ml.train': async (args) => ({ taskId: ml.train(args).task.id }),
    'ml.runs': (args) => ml.runs(args),
  }
}
