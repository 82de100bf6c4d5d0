/**
 * `<data>/settings.json`: what the user saved in Settings. Secrets are never in it as text: the MongoDB
 * URL is kept without its password, and the password, the MinIO secret key and MLflow's password and
 * token are SecretBox ciphertexts.
 * Read leniently (a bad value is skipped with a warning), written atomically and readable by its owner only.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  InputRootsSchema,
  type SettingKey,
  SettingsSetInput,
  type Theme,
} from '../../../src-preload/contract-settings.ts'
import { writeFileAtomicSync } from '../atomic-file.ts'
import { errorMessage } from '../errors.ts'

/** The keys kept as plain values (the secrets are only ever in `encrypted`). */
export const PLAIN_KEYS = [
  'mongoUrl',
  'mongoDb',
  'minioEndpoint',
  'minioAccessKey',
  'mlflowTrackingUri',
  'mlflowUsername',
  'sparkMasterUrl',
  'apiPort',
  'theme',
] as const satisfies readonly SettingKey[]
type PlainKey = (typeof PLAIN_KEYS)[number]

export const ENCRYPTED_KEYS = ['mongoPassword', 'minioSecretKey', 'mlflowPassword', 'mlflowToken'] as const
export type EncryptedKey = (typeof ENCRYPTED_KEYS)[number]

export interface StoredSettings extends Partial<Record<Exclude<PlainKey, 'apiPort' | 'theme'>, string>> {
  apiPort?: number
  theme?: Theme
  /** Folders a pipeline run over HTTP may read (src-main/core/input-roots.ts). */
  inputRoots?: string[]
  /** The window's close leaves the app in the tray, running the schedules and watches (window-close.ts). */
  keepRunningInBackground?: boolean
  /** SecretBox ciphertexts (base64). */
  encrypted?: Partial<Record<EncryptedKey, string>>
}

export interface SettingsFileRead {
  stored: StoredSettings
  warnings: string[]
  /** Why the file could not be read at all (saving is refused until it is fixed or deleted). */
  broken?: string
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

export function settingsFilePath(dataDir: string): string {
  return join(dataDir, 'settings.json')
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ENOENT'
}

export function readSettingsFile(dataDir: string): SettingsFileRead {
  const path = settingsFilePath(dataDir)
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    if (isMissing(err)) return { stored: {}, warnings: [] }
    const broken = `${path} cannot be read (${errorMessage(err)}): its settings are ignored; fix the file or delete it`
    return { stored: {}, warnings: [broken], broken }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const broken = `${path} does not hold a JSON object: its settings are ignored; fix the file or delete it`
    return { stored: {}, warnings: [broken], broken }
  }
  const record = raw as Record<string, unknown>
  const stored: Record<string, unknown> = {}
  const warnings: string[] = []
  for (const key of PLAIN_KEYS) {
    if (record[key] === undefined) continue
    // The same rules as settings.set: a hand-edited value that breaks them is left out, and said so.
    const parsed = SettingsSetInput.shape[key].safeParse(record[key])
    if (parsed.success && parsed.data !== null && parsed.data !== undefined) stored[key] = parsed.data
    else warnings.push(`${path}: "${key}" is not valid and is ignored`)
  }
  if (record.inputRoots !== undefined) {
    const roots = InputRootsSchema.safeParse(record.inputRoots)
    if (roots.success) stored.inputRoots = roots.data
    else warnings.push(`${path}: "inputRoots" is not a list of absolute paths and is ignored`)
  }
  if (record.keepRunningInBackground !== undefined) {
    if (typeof record.keepRunningInBackground === 'boolean')
      stored.keepRunningInBackground = record.keepRunningInBackground
    else warnings.push(`${path}: "keepRunningInBackground" is not true or false and is ignored`)
  }
  const encrypted: Partial<Record<EncryptedKey, string>> = {}
  const sealed = (record.encrypted ?? {}) as Record<string, unknown>
  for (const key of ENCRYPTED_KEYS) {
    const value = sealed[key]
    if (value === undefined) continue
    if (typeof value === 'string' && BASE64.test(value)) encrypted[key] = value
    else warnings.push(`${path}: the encrypted "${key}" is damaged and is ignored`)
  }
  if (Object.keys(encrypted).length > 0) stored.encrypted = encrypted
  return { stored: stored as StoredSettings, warnings }
}

export function writeSettingsFile(dataDir: string, stored: StoredSettings): void {
  mkdirSync(dataDir, { recursive: true })
  // 0600: even without secrets in it, the file names hosts and user names.
  writeFileAtomicSync(settingsFilePath(dataDir), `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 })
}

/** The user's "keep running in the background" choice as saved (off unless chosen). */
export function keepsRunningInBackground(dataDir: string): boolean {
  return readSettingsFile(dataDir).stored.keepRunningInBackground === true
}
