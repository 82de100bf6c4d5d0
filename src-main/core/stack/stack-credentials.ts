/**
 * The stack's credentials: MinIO's root user and password and MongoDB's root user and password (the
 * mongo image creates that user and turns authentication on), generated at random on the first Up into
 * one env file in the user's configuration folder, `<config>/stack.env` (0600, written whole). One file
 * for every data folder: the volumes these credentials protect belong to the compose project, not to a
 * data folder. Down and Up keep it; a Reset that deletes the volumes replaces it.
 *
 * Written in clear it is an env file `docker compose --env-file` reads. Where a SecretBox is available
 * (the desktop app's keychain) the values are sealed with it instead, and only Medallion can read them.
 * They are read as compose variables ranking below `compose/.env` and the environment (the user's win).
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createFileAtomicSync, writeFileAtomicSync } from '../atomic-file.ts'
import { errorMessage, MedallionError } from '../errors.ts'
import type { SecretBox } from '../settings/secret-box.ts'
import { readFailure, writeFailure } from '../system-error.ts'
import { parseEnvFile } from './env-file.ts'

export const CREDENTIALS_FILE_NAME = 'stack.env'
/**
 * Names one generation of credentials: the volumes created under it carry it as a label (compose file),
 * so Up can tell a volume made with these credentials from one made before (or with others).
 */
export const CREDENTIALS_ID = 'MEDALLION_STACK_CREDENTIALS'
/** The compose variables each service's credentials are, by compose service name. */
export const SERVICE_CREDENTIALS: Readonly<Record<string, readonly string[]>> = {
  mongo: ['MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_PASSWORD'],
  minio: ['MINIO_ROOT_USER', 'MINIO_ROOT_PASSWORD'],
}
const SEALED = 'MEDALLION_SEALED_CREDENTIALS'
/** The error code of a sealed file read by a process without the keychain that sealed it. */
export const SEALED_ELSEWHERE = 'stack_credentials_sealed'
const KEYS = [CREDENTIALS_ID, ...Object.values(SERVICE_CREDENTIALS).flat()]

/** Where the file lives and, in the desktop app, the keychain that seals it. */
export interface CredentialsPlace {
  configDir: string
  secretBox?: SecretBox
}

export interface StackCredentials {
  file: string
  /** Every variable of KEYS, non-empty. Never logged or sent: only the compose plan reads them. */
  values: Record<string, string>
  sealed: boolean
}

export function credentialsFile(configDir: string): string {
  return join(configDir, CREDENTIALS_FILE_NAME)
}

/** URL-safe random text (base64url): no escaping in a MongoDB URL, an env file or a shell. */
function randomText(bytes: number): string {
  return randomBytes(bytes).toString('base64url')
}

function generate(): Record<string, string> {
  return {
    [CREDENTIALS_ID]: randomText(12),
    MINIO_ROOT_USER: `medallion-${randomText(9)}`,
    MINIO_ROOT_PASSWORD: randomText(24),
    MONGO_INITDB_ROOT_USERNAME: `medallion-${randomText(9)}`,
    MONGO_INITDB_ROOT_PASSWORD: randomText(24),
  }
}

function sealing(place: CredentialsPlace): SecretBox | undefined {
  return place.secretBox?.available ? place.secretBox : undefined
}

function render(values: Record<string, string>, box: SecretBox | undefined): string {
  const header = [
    "# Medallion's stack credentials: MinIO's root user and MongoDB's root user, generated on the first Up",
    '# and shared by every data folder. Values set in compose/.env or in the environment win over these.',
  ]
  if (box) {
    return `${[
      ...header,
      "# Sealed with this user's keychain by the desktop app: only Medallion reads them.",
      `${SEALED}=${box.encrypt(JSON.stringify(values))}`,
    ].join('\n')}\n`
  }
  return `${[
    ...header,
    '# To run the stack by hand with them (after this file, an --env-file compose/.env of yours wins):',
    '#   docker compose -f compose/docker-compose.yml --env-file <this file> up -d',
    ...KEYS.map((key) => `${key}=${values[key]}`),
  ].join('\n')}\n`
}

/** Writes them whole, 0600 in a 0700 folder; `replace` false leaves a file another process made first. */
function write(place: CredentialsPlace, values: Record<string, string>, replace: boolean): void {
  const file = credentialsFile(place.configDir)
  try {
    mkdirSync(place.configDir, { recursive: true, mode: 0o700 })
    const text = render(values, sealing(place))
    if (replace) writeFileAtomicSync(file, text, { mode: 0o600 })
    else createFileAtomicSync(file, text, { mode: 0o600 })
  } catch (err) {
    throw writeFailure(err, file)
  }
}

/** The credentials, or undefined when no Up made them yet. A damaged or unreadable file is an error. */
export function readStackCredentials(place: CredentialsPlace): StackCredentials | undefined {
  const file = credentialsFile(place.configDir)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw readFailure(err, file)
  }
  const parsed = parseEnvFile(text, file)
  const sealed = parsed[SEALED]
  const values = sealed === undefined ? parsed : unseal(sealed, file, place.secretBox)
  const missing = KEYS.filter((key) => typeof values[key] !== 'string' || values[key] === '')
  if (missing.length > 0) {
    throw new MedallionError(
      'stack_credentials',
      `${file} lacks ${missing.join(', ')}: restore the file, or delete it and reset the stack's volumes (medallion reset --scope volumes), which makes new credentials`,
    )
  }
  return {
    file,
    values: Object.fromEntries(KEYS.map((key) => [key, values[key] as string])),
    sealed: sealed !== undefined,
  }
}

function unseal(sealed: string, file: string, box: SecretBox | undefined): Record<string, unknown> {
  if (!box?.available) {
    throw new MedallionError(
      SEALED_ELSEWHERE,
      `${file} was sealed with the desktop app's keychain, which this process cannot use: run the stack from the app (or its own medallion command)`,
    )
  }
  try {
    const values: unknown = JSON.parse(box.decrypt(sealed))
    if (typeof values === 'object' && values !== null) return values as Record<string, unknown>
  } catch (err) {
    throw new MedallionError(
      'stack_credentials',
      `${file} cannot be decrypted with this user's keychain (${errorMessage(err)}): restore the keychain, or delete the file and reset the stack's volumes`,
    )
  }
  throw new MedallionError('stack_credentials', `${file} holds no credentials once decrypted`)
}

/** The credentials, generated and written on first use (of two processes racing, one file wins). */
export function ensureStackCredentials(place: CredentialsPlace): StackCredentials {
  const existing = readStackCredentials(place)
  if (existing) return existing
  write(place, generate(), false)
  return readStackCredentials(place) as StackCredentials
}

/** New credentials, replacing the file: only once the volumes they protected are gone. */
export function renewStackCredentials(place: CredentialsPlace): StackCredentials {
  write(place, generate(), true)
  return readStackCredentials(place) as StackCredentials
}

/**
 * The compose variables the credentials give, without those of the services whose volumes predate them
 * (those keep running without authentication: their data was made without it).
 */
export function credentialVariables(
  credentials: StackCredentials | undefined,
  withoutAuth: readonly string[] = [],
): Record<string, string> {
  if (!credentials) return {}
  const left = new Set(withoutAuth.flatMap((service) => SERVICE_CREDENTIALS[service] ?? []))
  return Object.fromEntries(Object.entries(credentials.values).filter(([key]) => !left.has(key)))
}
