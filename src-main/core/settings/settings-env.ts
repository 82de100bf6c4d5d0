/**
 * The settings as the backends read them: environment variables first, then settings.json. Settings are
 * handed on as the variables they stand for (MONGO_URL, MINIO_ENDPOINT…), so the code that reads the
 * environment (mongo-config.ts, s3-config.ts) reads the settings file too, with nothing else to learn.
 */
import type { SettingKey } from '../../../src-preload/contract-settings.ts'
import { errorMessage } from '../errors.ts'
import { joinMongoPassword } from './mongo-url-password.ts'
import type { SecretBox } from './secret-box.ts'
import { readSettingsFile, settingsFilePath } from './settings-file.ts'

export type Env = Record<string, string | undefined>
export type EnvSettingKey = Exclude<SettingKey, 'theme'>

/** The variables of each setting, the one to set first (later ones are older names still read). */
export const SETTING_VARIABLES: Readonly<Record<EnvSettingKey, readonly [string, ...string[]]>> = {
  mongoUrl: ['MONGO_URL', 'MONGO_URI'],
  mongoDb: ['MONGO_DB'],
  minioEndpoint: ['MINIO_ENDPOINT'],
  minioAccessKey: ['MINIO_ACCESS_KEY', 'MINIO_ROOT_USER'],
  minioSecretKey: ['MINIO_SECRET_KEY', 'MINIO_ROOT_PASSWORD'],
  mlflowTrackingUri: ['MLFLOW_TRACKING_URI'],
  mlflowUsername: ['MLFLOW_TRACKING_USERNAME'],
  mlflowPassword: ['MLFLOW_TRACKING_PASSWORD'],
  mlflowToken: ['MLFLOW_TRACKING_TOKEN'],
  sparkMasterUrl: ['SPARK_MASTER_URL'],
  apiPort: ['MEDALLION_API_PORT'],
}

/** The value the environment gives a setting (a blank variable counts as unset). */
export function envValue(env: Env, key: EnvSettingKey): string | undefined {
  for (const name of SETTING_VARIABLES[key]) {
    const value = env[name]?.trim()
    if (value) return value
  }
  return undefined
}

export interface SavedSettings {
  /** settings.json's values as text, secrets decrypted: held in memory only, never sent or logged. */
  values: Partial<Record<SettingKey, string>>
  warnings: string[]
  broken?: string
}

const NO_KEYCHAIN = 'this process has no system keychain to decrypt it (only the desktop app has one)'

/**
 * settings.json with its secrets decrypted. A group whose secret cannot be read (the CLI reading what the
 * desktop app saved, a keychain that changed) is left out whole, with a warning that names the variables
 * to set instead: half a configuration would only fail later with a less helpful error.
 */
export function readSavedSettings(dataDir: string, env: Env, box?: SecretBox): SavedSettings {
  const { stored, warnings, broken } = readSettingsFile(dataDir)
  const { encrypted = {}, apiPort, ...plain } = stored
  const values: Partial<Record<SettingKey, string>> = { ...plain }
  if (apiPort !== undefined) values.apiPort = String(apiPort)
  const file = settingsFilePath(dataDir)

  const unseal = (sealed: string, what: string, variables: string): string | undefined => {
    if (!box?.available) {
      warnings.push(`${file}: ${what} is encrypted and ${NO_KEYCHAIN}: set ${variables} instead`)
      return undefined
    }
    try {
      return box.decrypt(sealed)
    } catch (err) {
      warnings.push(
        `${file}: ${what} cannot be decrypted (${errorMessage(err)}): save it again, or set ${variables}`,
      )
      return undefined
    }
  }

  // A secret the environment overrides is not needed, so it is not decrypted.
  if (encrypted.mongoPassword && values.mongoUrl && !envValue(env, 'mongoUrl')) {
    const password = unseal(encrypted.mongoPassword, 'the MongoDB password', 'MONGO_URL')
    if (password === undefined) delete values.mongoUrl
    else values.mongoUrl = joinMongoPassword(values.mongoUrl, password)
  }
  if (encrypted.minioSecretKey && !envValue(env, 'minioSecretKey')) {
    const secret = unseal(
      encrypted.minioSecretKey,
      'the MinIO secret key',
      'MINIO_ENDPOINT, MINIO_ACCESS_KEY and MINIO_SECRET_KEY',
    )
    if (secret === undefined) {
      delete values.minioEndpoint
      delete values.minioAccessKey
    } else values.minioSecretKey = secret
  }
  // MLflow's password and token: one warning for both when this process has no keychain.
  const mlflowSealed = (['mlflowPassword', 'mlflowToken'] as const).filter(
    (key) => encrypted[key] && !envValue(env, key),
  )
  const mlflowVariables = 'MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN'
  if (mlflowSealed.length > 0 && !box?.available) {
    const names = mlflowSealed.map((key) => (key === 'mlflowToken' ? 'token' : 'password'))
    const what = `MLflow's ${names.join(' and ')} ${names.length === 2 ? 'are' : 'is'}`
    warnings.push(`${file}: ${what} encrypted and ${NO_KEYCHAIN}: set ${mlflowVariables} instead`)
  }
  for (const key of box?.available ? mlflowSealed : []) {
    const secret = unseal(
      encrypted[key] as string,
      `MLflow's ${key === 'mlflowToken' ? 'token' : 'password'}`,
      mlflowVariables,
    )
    if (secret !== undefined) values[key] = secret
  }
  // Without its password the user name alone would only be refused by MLflow.
  if (mlflowSealed.includes('mlflowPassword') && values.mlflowPassword === undefined)
    delete values.mlflowUsername
  return { values, warnings, ...(broken ? { broken } : {}) }
}

/** The environment with the saved settings filled in wherever the environment says nothing. */
export function withSavedSettings(env: Env, saved: SavedSettings): Env {
  const merged: Env = { ...env }
  for (const key of Object.keys(SETTING_VARIABLES) as EnvSettingKey[]) {
    const value = saved.values[key]
    if (value !== undefined && envValue(env, key) === undefined) merged[SETTING_VARIABLES[key][0]] = value
  }
  return merged
}

/**
 * The environment a Spark run reads: SPARK_MASTER_URL from the environment, else the saved one. No other
 * saved value goes in: spark-submit inherits this environment, and the saved secrets stay in memory.
 */
export function withSavedSparkMaster(env: Env, saved: SavedSettings): Env {
  const master = saved.values.sparkMasterUrl
  return master === undefined || envValue(env, 'sparkMasterUrl') ? env : { ...env, SPARK_MASTER_URL: master }
}

/** The environment with settings.json filled in wherever the environment says nothing. */
export function settingsEnv(dataDir: string, env: Env, box?: SecretBox): { env: Env; warnings: string[] } {
  const saved = readSavedSettings(dataDir, env, box)
  return { env: withSavedSettings(env, saved), warnings: saved.warnings }
}

/** The read API's port: MEDALLION_API_PORT, else settings.json, else 5000. */
export function configuredApiPort(dataDir: string, env: Env, fallback = 5000): number {
  const value = envValue(settingsEnv(dataDir, env).env, 'apiPort')
  return value === undefined ? fallback : Number(value)
}
