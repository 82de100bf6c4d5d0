/**
 * What settings.set writes: the saved settings with the changes applied, every value checked first (so a
 * refused change leaves the file as it was) and every secret encrypted. Without a SecretBox a secret is
 * refused with the environment variable to set instead.
 */
import type { z } from 'zod'
import type { SettingsSetInput } from '../../../src-preload/contract-settings.ts'
import { MedallionError } from '../errors.ts'
import { endpointUrl } from '../lake/s3-config.ts'
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

/** The saved settings with `change` applied; throws (naming the setting) before anything is written. */
export function applySettingsChange(
  stored: StoredSettings,
  change: SettingsChange,
  box: SecretBox | undefined,
): StoredSettings {
  const next: StoredSettings = { ...stored, encrypted: { ...stored.encrypted } }
  const { mongoUrl, minioEndpoint, minioSecretKey, ...plain } = change
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
  if (next.encrypted && Object.keys(next.encrypted).length === 0) delete next.encrypted
  return next
}
