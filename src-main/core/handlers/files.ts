/** The contract's files calls, answered through the core. */
import type { FILES_CALLS } from '../../../src-preload/names-files.ts'
import type { Core } from '../app-core.ts'
import type { HandlersOf } from '../rpc.ts'

export function filesHandlers(_core: Core): HandlersOf<typeof FILES_CALLS> {
  return {}
}
