/**
 * Settings as the contract offers them: `view()` shows each value in use with its source and its secrets
 * masked; `update()` saves changes to settings.json. Every endpoint, credential and the API port is read
 * once when Medallion starts (the core's settingsAtStart), so a change is marked as pending until the next
 * start, the same for every service; the theme applies at once.
 */
import { resolve } from 'node:path'
import {
  SETTING_KEYS,
  type SettingEntry,
  type SettingKey,
  type SettingsView,
  type Theme,
} from '../../../src-preload/contract-settings.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import { envInputRoots } from '../input-roots.ts'
import { redactUrl } from '../redact.ts'
import { readStackMarker } from '../stack/stack-marker.ts'
import type { StackPlan } from '../stack/stack-plan.ts'
import type { SecretBox } from './secret-box.ts'
import { type Env, readSavedSettings, type SavedSettings, SETTING_VARIABLES } from './settings-env.ts'
import {
  keepsRunningInBackground,
  readSettingsFile,
  settingsFilePath,
  writeSettingsFile,
} from './settings-file.ts'
import { type ResolvedSetting, resolveSettings } from './settings-resolve.ts'
import { applySettingsChange, MASK, type SettingsChange } from './settings-update.ts'
import { stackSettings } from './stack-settings.ts'

export interface SettingsServiceOptions {
  dataDir: string
  env: Env
  secretBox?: SecretBox
  /** settings.json as the core read it when it started: what its services use until the next start. */
  savedAtStart?: SavedSettings
  /** The stack's plan (compose file and the profiles Up used), read only when the folder is on the stack. */
  stackPlan(): Promise<StackPlan>
  /** The port the running API listens on, when this process serves one: shown as the port in use. */
  servedApiPort?: () => number | undefined
}

const SECRET_KEYS: ReadonlySet<SettingKey> = new Set(['minioSecretKey', 'mlflowPassword', 'mlflowToken'])
/** Applied by the page itself, so never waiting for a restart. */
const LIVE_KEYS: ReadonlySet<SettingKey> = new Set(['theme'])

function masked(key: SettingKey, value: string | undefined): string | null {
  if (value === undefined) return null
  if (SECRET_KEYS.has(key)) return MASK
  // Every URL setting (MongoDB, MinIO, MLflow, Spark) shows its user but never a password.
  return redactUrl(value, MASK)
}

export class SettingsService {
  /** What env + settings.json said when this process started: what its backends use. */
  private readonly atStart: Record<SettingKey, ResolvedSetting>
  /** The desktop app reads this once when it starts too (desktop-app.ts). */
  private readonly keepRunningAtStart: boolean

  constructor(private readonly options: SettingsServiceOptions) {
    const { dataDir, env, secretBox, savedAtStart } = options
    this.atStart = resolveSettings({ env, saved: savedAtStart ?? readSavedSettings(dataDir, env, secretBox) })
    this.keepRunningAtStart = keepsRunningInBackground(dataDir)
  }

  async view(): Promise<SettingsView> {
    const { dataDir, env } = this.options
    const saved = readSavedSettings(dataDir, env, this.options.secretBox)
    const warnings = [...saved.warnings]
    let stack: ReturnType<typeof stackSettings> | undefined
    if (readStackMarker(dataDir)) {
      try {
        stack = stackSettings(await this.options.stackPlan())
      } catch (err) {
        warnings.push(`the stack this data folder is connected to cannot be read: ${errorMessage(err)}`)
      }
    }
    const resolved = resolveSettings({ env, saved, ...(stack ? { stack } : {}) })
    const configured = resolveSettings({ env, saved })
    const savedKeys = this.savedKeys()
    const served = this.options.servedApiPort?.()
    if (served !== undefined) resolved.apiPort = { value: String(served), source: 'this server' }
    const entries = SETTING_KEYS.map((key): SettingEntry => {
      const { value, source } = resolved[key]
      return {
        key,
        value: masked(key, value),
        source,
        ...(key === 'theme' ? {} : { envVar: SETTING_VARIABLES[key][0] }),
        secret: SECRET_KEYS.has(key),
        overriddenByEnv: source === 'environment' && savedKeys.has(key),
        pendingRestart: !LIVE_KEYS.has(key) && configured[key].value !== this.atStart[key].value,
      }
    })
    const fromEnv = env.MEDALLION_DATA_DIR?.trim()
    const keepRunning = keepsRunningInBackground(dataDir)
    return {
      dataDir,
      dataDirFromEnv: fromEnv ? resolve(fromEnv) === resolve(dataDir) : false,
      settingsFile: settingsFilePath(dataDir),
      secretStorage: this.options.secretBox?.available ?? false,
      entries,
      theme: (resolved.theme.value ?? 'system') as Theme,
      inputRoots: readSettingsFile(dataDir).stored.inputRoots ?? [],
      keepRunningInBackground: {
        saved: keepRunning,
        pendingRestart: keepRunning !== this.keepRunningAtStart,
      },
      inputRootsFromEnv: envInputRoots(env),
      warnings,
    }
  }

  async update(change: SettingsChange): Promise<SettingsView> {
    const { dataDir, secretBox } = this.options
    const { stored, broken } = readSettingsFile(dataDir)
    if (broken) throw new MedallionError('settings_unreadable', `${broken}, then save again`)
    const applied = applySettingsChange(stored, change, secretBox)
    writeSettingsFile(dataDir, applied.stored)
    const view = await this.view()
    return applied.notes.length > 0 ? { ...view, notes: applied.notes } : view
  }

  /** The settings settings.json holds (a secret counts when its ciphertext is there). */
  private savedKeys(): Set<SettingKey> {
    const { encrypted = {}, ...plain } = readSettingsFile(this.options.dataDir).stored
    const keys = new Set(Object.keys(plain) as SettingKey[])
    for (const key of ['minioSecretKey', 'mlflowPassword', 'mlflowToken'] as const) {
      if (encrypted[key]) keys.add(key)
    }
    return keys
  }
}
