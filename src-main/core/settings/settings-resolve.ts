/**
 * Each setting's value in use and where it comes from: the environment, then settings.json, then the
 * stack this data folder is connected to, then the default — the order backends.ts follows. MinIO's keys
 * go with its endpoint: when the stack provides the endpoint, its keys come with it.
 */
import { SETTING_KEYS, type SettingKey, type SettingSource } from '../../../src-preload/contract-settings.ts'
import { DEFAULT_MONGO_DB } from '../serving/mongo-config.ts'
import { type Env, type EnvSettingKey, envValue, type SavedSettings } from './settings-env.ts'

export interface SettingsLayers {
  env: Env
  saved: SavedSettings
  /** Only when Up connected this data folder to the stack (stack.json). */
  stack?: Partial<Record<EnvSettingKey, string>>
}

export interface ResolvedSetting {
  /** In clear (a secret too): mask it before it leaves the core. */
  value?: string
  source: SettingSource
}

/** The original's MinIO credentials, which s3-config.ts falls back to as well. */
const DEFAULT_MINIO_KEY = 'minioadmin'

export const SETTING_DEFAULTS: Readonly<Partial<Record<SettingKey, string>>> = {
  mongoDb: DEFAULT_MONGO_DB,
  minioAccessKey: DEFAULT_MINIO_KEY,
  minioSecretKey: DEFAULT_MINIO_KEY,
  apiPort: '5000',
  theme: 'system',
}

const MINIO_KEYS: ReadonlySet<SettingKey> = new Set(['minioAccessKey', 'minioSecretKey'])

export function resolveSettings(layers: SettingsLayers): Record<SettingKey, ResolvedSetting> {
  const resolved = {} as Record<SettingKey, ResolvedSetting>
  const endpointFromStack = () => resolved.minioEndpoint?.source === 'stack'
  for (const key of SETTING_KEYS) {
    const fromEnv = key === 'theme' ? undefined : envValue(layers.env, key)
    const fromStack = key === 'theme' ? undefined : layers.stack?.[key]
    if (MINIO_KEYS.has(key) && endpointFromStack() && fromStack !== undefined) {
      resolved[key] = { value: fromStack, source: 'stack' }
    } else if (fromEnv !== undefined) resolved[key] = { value: fromEnv, source: 'environment' }
    else if (layers.saved.values[key] !== undefined) {
      resolved[key] = { value: layers.saved.values[key], source: 'settings file' }
    } else if (fromStack !== undefined) resolved[key] = { value: fromStack, source: 'stack' }
    else if (SETTING_DEFAULTS[key] !== undefined)
      resolved[key] = { value: SETTING_DEFAULTS[key], source: 'default' }
    else resolved[key] = { source: 'not set' }
  }
  return resolved
}
