/**
 * A Core as diagnostics sources: the Settings page's view, the run history, the stack status, and the
 * saved settings' secrets (decrypted in memory only, to be scrubbed wherever they appear).
 */
import type { Core } from '../app-core.ts'
import { urlPassword } from '../redact.ts'
import { readSavedSettings } from '../settings/settings-env.ts'
import type { DiagnosticsSources } from './diagnostics-sources.ts'
import { runtimeVersions } from './runtime-versions.ts'

export interface CoreDiagnosticsExtra {
  /** The app's version (Electron's app.getVersion(), or package.json's from the CLI). */
  medallionVersion: string
  /** More versions, over the runtime's own (node, electron, polars, os, arch). */
  versions?: Record<string, string>
  /** The log files to tail (the main process log, the CLI's…). */
  logFiles?: string[]
  /** Default: the core's environment, else process.env. */
  env?: NodeJS.ProcessEnv
  now?: () => Date
}

function savedSecrets(core: Core, env: NodeJS.ProcessEnv): string[] {
  try {
    const { values } = readSavedSettings(core.options.dataDir, env, core.options.secretBox)
    const password = values.mongoUrl ? urlPassword(values.mongoUrl) : undefined
    return [password, values.minioSecretKey, values.mlflowPassword, values.mlflowToken].filter(
      (secret): secret is string => Boolean(secret),
    )
  } catch {
    // An unreadable settings file holds no secret this process could show either.
    return []
  }
}

export function diagnosticsSourcesFromCore(core: Core, extra: CoreDiagnosticsExtra): DiagnosticsSources {
  const env = extra.env ?? (core.options.env as NodeJS.ProcessEnv | undefined) ?? process.env
  return {
    versions: { medallion: extra.medallionVersion, ...runtimeVersions(), ...extra.versions },
    settings: () => core.handlers['settings.get']({}),
    runs: (limit) => core.pipeline.runs(limit),
    stackStatus: () => core.stack.status(),
    logFiles: extra.logFiles ?? [],
    env,
    get secrets() {
      // What the core learnt (its start, its backends, secrets saved since) and settings.json as it is now.
      return [...new Set([...core.secrets.list(), ...savedSecrets(core, env)])]
    },
    ...(extra.now ? { now: extra.now } : {}),
  }
}
