/** The contract's settings calls, answered through the core. */
import type { SETTINGS_CALLS } from '../../../src-preload/names-settings.ts'
import type { Core } from '../app-core.ts'
import type { HandlersOf } from '../rpc.ts'

export function settingsHandlers(_core: Core): HandlersOf<typeof SETTINGS_CALLS> {
  return {}
}
