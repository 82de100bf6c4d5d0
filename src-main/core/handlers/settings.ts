/** The contract's settings calls, answered through the core. */
import { env as processEnv } from 'node:process'
import type { SETTINGS_CALLS } from '../../../src-preload/names-settings.ts'
import type { Core } from '../app-core.ts'
import type { HandlersOf } from '../rpc.ts'
import { SettingsService } from '../settings/settings-service.ts'

export function settingsHandlers(
  core: Pick<Core, 'options' | 'settingsAtStart' | 'stack' | 'secrets' | 'servedApi'>,
): HandlersOf<typeof SETTINGS_CALLS> {
  const settings = new SettingsService({
    dataDir: core.options.dataDir,
    env: core.options.env ?? processEnv,
    ...(core.options.secretBox ? { secretBox: core.options.secretBox } : {}),
    savedAtStart: core.settingsAtStart.saved,
    stackPlan: () => core.stack.plan(),
    servedApiPort: () => core.servedApi.port,
  })
  return {
    'settings.get': () => settings.view(),
    'settings.set': (change) => {
      // A secret saved now is masked from now on, though it is used only from the next start.
      core.secrets.learn(change)
      return settings.update(change)
    },
  }
}
