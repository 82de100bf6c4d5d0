/**
 * What settings.set writes: the saved settings with the changes applied, every value checked first (so a
 * refused change leaves the file as it was) and every secret encrypted. Without a SecretBox a secret is
 * refused with the environment variable to set instead.
 */
import type { z } from 'zod'
import type { SettingsSetInput } from '../../../src-preload/contract-settings.ts'
import { MedallionError } from '../errors.ts'
import { endpointUrl } from '../lake/s3-config.ts'
import { percentDecoded, stripUserinfo } from '../redact.ts'
import { createMongoClient } from '../serving/mongo-client.ts'
import { joinMongoPassword, splitMongoPassword } from './mongo-url-password.ts'
import type { SecretBox } from './secret-box.ts'
import type { StoredSettings } from './settings-file.ts'

export type SettingsChange = z.output<typeof SettingsSetInput>

/** How the UI shows a saved password; sent back unchanged, it keeps the saved one. */
export const MASK = '****'

function sealer(box: SecretBox | undefined, what: string, variable: string): (text: string) => string {
  return (text) => {
    if (!box?.available) {
      throw new MedallionError(
        'no_secret_storage',
        `${what} cannot be saved here: secrets are kept only by the desktop app, encrypted with the system keychain, and this process has none (the CLI, a browser on medallion serve, or a system without a keychain). Set ${variable} in the environment instead.`,
      )
    }
    return box.encrypt(text)
  }
}

function applyMongoUrl(next: StoredSettings, url: string, box: SecretBox | undefined): void {
  const { url: withoutPassword, password } = splitMongoPassword(url)
  const encrypted = { ...next.encrypted }
  if (password === MASK) {
    if (!encrypted.mongoPassword) {
      throw new MedallionError('invalid_input', 'mongoUrl: no password is saved to keep: type the password')
    }
  } else if (password !== undefined) {
    encrypted.mongoPassword = sealer(box, 'The MongoDB URL carries a password, which', 'MONGO_URL')(password)
  } else delete encrypted.mongoPassword
  // The driver parses it now, so a typo is reported here rather than at the next start.
  createMongoClient(password === undefined ? withoutPassword : joinMongoPassword(withoutPassword, 'x'))
  next.mongoUrl = withoutPassword
  next.encrypted = encrypted
}

/**
 * MLflow's URI is kept without userinfo (it would show wherever the URI does, and fetch refuses it): a
 * user and password written into it become the MLflow credentials, the password encrypted.
 */
function applyMlflowUri(next: StoredSettings, uri: string, box: SecretBox | undefined): string | undefined {
  const { url, user, password } = stripUserinfo(uri)
  next.mlflowTrackingUri = url
  if (user === undefined && password === undefined) return undefined
  if (password !== undefined && password !== MASK) {
    next.encrypted = { ...next.encrypted, mlflowPassword: mlflowSealer(box)(percentDecoded(password)) }
  }
  if (user !== undefined) next.mlflowUsername = percentDecoded(user)
  return `the MLflow tracking URI carried ${password === undefined ? 'a user name' : 'a user name and password'}: they were taken out of it and saved as MLflow's credentials${password === undefined ? '' : ' (the password encrypted)'}, sent as an Authorization header, never in the URI`
}

function mlflowSealer(box: SecretBox | undefined): (text: string) => string {
  return sealer(box, "MLflow's password or token", 'MLFLOW_TRACKING_PASSWORD or MLFLOW_TRACKING_TOKEN')
}

/** The saved settings with `change` applied, and notes on what was done beyond storing the values. */
export interface AppliedChange {
  stored: StoredSettings
  notes: string[]
}

/** The saved settings with `change` applied; throws (naming the setting) before anything is written. */
export function applySettingsChange(
  stored: StoredSettings,
  change: SettingsChange,
  box: SecretBox | undefined,
): AppliedChange {
  const next: StoredSettings = { ...stored, encrypted: { ...stored.encrypted } }
  const notes: string[] = []
  const {
    mongoUrl,
    minioEndpoint,
    minioSecretKey,
    mlflowTrackingUri,
    mlflowPassword,
    mlflowToken,
    ...plain
  } = change
  if (mongoUrl === null) {
    delete next.mongoUrl
    delete next.encrypted?.mongoPassword
  } else if (mongoUrl !== undefined) applyMongoUrl(next, mongoUrl, box)
  if (minioEndpoint === null) delete next.minioEndpoint
  else if (minioEndpoint !== undefined) {
    endpointUrl(minioEndpoint, false)
    next.minioEndpoint = minioEndpoint
  }
  if (minioSecretKey === null) delete next.encrypted?.minioSecretKey
  else if (minioSecretKey !== undefined && minioSecretKey !== MASK) {
    const seal = sealer(box, 'The MinIO secret key', 'MINIO_SECRET_KEY')
    next.encrypted = { ...next.encrypted, minioSecretKey: seal(minioSecretKey) }
  }
  for (const [key, value] of Object.entries(plain) as [keyof typeof plain, unknown][]) {
    if (value === null) delete next[key]
    else if (value !== undefined) Object.assign(next, { [key]: value })
  }
  // After the plain values: credentials taken out of the URI win over a user name sent beside it.
  if (mlflowTrackingUri === null) delete next.mlflowTrackingUri
  else if (mlflowTrackingUri !== undefined) {
    const note = applyMlflowUri(next, mlflowTrackingUri, box)
    if (note) notes.push(note)
  }
  for (const [key, value] of [
    ['mlflowPassword', mlflowPassword],
    ['mlflowToken', mlflowToken],
  ] as const) {
    if (value === null) delete next.encrypted?.[key]
    else if (value !== undefined && value !== MASK) {
      next.encrypted = { ...next.encrypted, [key]: mlflowSealer(box)(value) }
    }
  }
  if (next.encrypted && Object.keys(next.encrypted).length === 0) delete next.encrypted
  return { stored: next, notes }
}
