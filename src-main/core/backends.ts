/**
 * Where the lake and the serving store are: environment variables first (MONGO_URL, MINIO_ENDPOINT…),
 * then the settings saved in <data>/settings.json, else the stack that Up connected this data folder to
 * (stack.json), else the embedded default (a local Parquet lake served straight from gold).
 */
import { join } from 'node:path'
import { errorMessage } from './errors.ts'
import { type S3LakeConfig, s3ConfigFromEnv } from './lake/s3-config.ts'
import { type MongoConfig, mongoConfigFromEnv } from './serving/mongo-config.ts'
import type { SecretBox } from './settings/secret-box.ts'
import { settingsEnv } from './settings/settings-env.ts'
import { credentialVariables, readStackCredentials } from './stack/stack-credentials.ts'
import type { StackEndpoints } from './stack/stack-endpoints.ts'
import { stackEndpoints } from './stack/stack-endpoints.ts'
import { readStackMarker } from './stack/stack-marker.ts'
import { userConfigDir } from './user-config-dir.ts'

export interface BackendConfig {
  mongo?: MongoConfig
  s3?: S3LakeConfig
}

/** Layers of an S3 lake are downloaded here, by folder name. */
export function lakeCacheDir(dataDir: string): string {
  return join(dataDir, 'lake-cache')
}

/** The lake and store of a running stack; a variable the user set still wins. */
export function stackBackends(
  endpoints: StackEndpoints,
  dataDir: string,
  env: Record<string, string | undefined>,
): BackendConfig {
  const fromEnv = envBackends(dataDir, env)
  const s3 = endpoints.s3 && { ...endpoints.s3, cacheDir: lakeCacheDir(dataDir) }
  // The stack's MongoDB with the database the environment or the settings name.
  const mongo = endpoints.mongo && { ...endpoints.mongo, db: env.MONGO_DB?.trim() || endpoints.mongo.db }
  return { mongo: fromEnv.mongo ?? mongo, s3: fromEnv.s3 ?? s3 }
}

function envBackends(dataDir: string, env: Record<string, string | undefined>): BackendConfig {
  return { mongo: mongoConfigFromEnv(env), s3: s3ConfigFromEnv(env, lakeCacheDir(dataDir)) }
}

/**
 * At start: `warning` says why a stack this folder was connected to could not be read. `configDir` holds
 * the stack's credentials (default: the user's configuration folder).
 */
export async function resolveBackends(
  dataDir: string,
  env: Record<string, string | undefined>,
  secretBox?: SecretBox,
  configDir: string = userConfigDir(env),
): Promise<BackendConfig & { warning?: string }> {
  const configured = settingsEnv(dataDir, env, secretBox)
  const settingsWarning = configured.warnings.length > 0 ? { warning: configured.warnings.join('; ') } : {}
  const fromEnv = envBackends(dataDir, configured.env)
  const marker = readStackMarker(dataDir)
  if (!marker) return { ...fromEnv, ...settingsWarning }
  try {
    const { readComposeFile } = await import('./stack/compose-file.ts')
    const credentials = readStackCredentials({ configDir, ...(secretBox ? { secretBox } : {}) })
    const plan = await readComposeFile(marker.composeFile, {
      project: marker.project,
      profiles: marker.profiles,
      env,
      defaults: credentialVariables(credentials, marker.withoutAuth),
    })
    return {
      ...stackBackends(stackEndpoints(plan, configured.env), dataDir, configured.env),
      ...settingsWarning,
    }
  } catch (err) {
    return {
      ...fromEnv,
      warning: [
        ...configured.warnings,
        `this data folder was connected to the stack of ${marker.composeFile}, which cannot be read (${errorMessage(err)}): using ${fromEnv.mongo || fromEnv.s3 ? 'the environment or the settings' : 'the embedded store'}`,
      ].join('; '),
    }
  }
}
