/**
 * The credentials file itself, on the real file system: created once and whole (of two writers, the first
 * wins), 0600 in a 0700 folder, in clear as an env file compose reads, sealed where a SecretBox is given
 * (then unreadable without it, or with another key), a damaged file named with what it lacks, renewed on
 * demand; the legacy services' variables left out; and where the configuration folder is.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFileAtomicSync } from '../src-main/core/atomic-file.ts'
import { keySecretBox } from '../src-main/core/settings/key-secret-box.ts'
import { readComposeFile } from '../src-main/core/stack/compose-file.ts'
import { parseEnvFile } from '../src-main/core/stack/env-file.ts'
import {
  CREDENTIALS_ID,
  credentialsFile,
  credentialVariables,
  ensureStackCredentials,
  readStackCredentials,
  renewStackCredentials,
} from '../src-main/core/stack/stack-credentials.ts'
import { userConfigDir } from '../src-main/core/user-config-dir.ts'
import { REPO_ROOT, tempDir } from './helpers/temp-data.ts'

const errorOf = (work: () => unknown) => {
  try {
    work()
  } catch (err) {
    return err as Error & { code?: string }
  }
  throw new Error('expected an error')
}

describe('the stack credentials file', () => {
  const root = tempDir('medallion-creds-file-')

  it('is created once, whole, 0600 in a 0700 folder, as an env file compose reads', () => {
    const configDir = join(root, 'clear', 'config')
    expect(readStackCredentials({ configDir })).toBeUndefined()
    const first = ensureStackCredentials({ configDir })
    expect(first.file).toBe(join(configDir, 'stack.env'))
    expect(first.sealed).toBe(false)
    expect(statSync(first.file).mode & 0o777).toBe(0o600)
    expect(statSync(configDir).mode & 0o777).toBe(0o700)
    expect(ensureStackCredentials({ configDir })).toEqual(first)
    // What `docker compose --env-file` reads is what Medallion uses.
    expect(parseEnvFile(readFileSync(first.file, 'utf8'), first.file)).toEqual(first.values)
    expect(Object.keys(first.values).sort()).toEqual(
      [
        CREDENTIALS_ID,
        'MINIO_ROOT_PASSWORD',
        'MINIO_ROOT_USER',
        'MONGO_INITDB_ROOT_PASSWORD',
        'MONGO_INITDB_ROOT_USERNAME',
      ].sort(),
    )
    // URL-safe, and not the same twice.
    for (const value of Object.values(first.values)) expect(value).toMatch(/^[\w-]{12,}$/)
    expect(new Set(Object.values(first.values)).size).toBe(5)
  })

  it('of two writers creating it, the first wins and the second writes nothing', () => {
    const path = join(root, 'race.env')
    expect(createFileAtomicSync(path, 'first\n', { mode: 0o600 })).toBe(true)
    expect(createFileAtomicSync(path, 'second\n', { mode: 0o600 })).toBe(false)
    expect(readFileSync(path, 'utf8')).toBe('first\n')
  })

  it('is sealed with a SecretBox: no value in clear, unreadable without the box or with another key', () => {
    const configDir = join(root, 'sealed')
    const box = keySecretBox(randomBytes(32))
    const sealed = ensureStackCredentials({ configDir, secretBox: box })
    expect(sealed.sealed).toBe(true)
    const text = readFileSync(sealed.file, 'utf8')
    for (const value of Object.values(sealed.values)) expect(text).not.toContain(value)
    expect(readStackCredentials({ configDir, secretBox: box })?.values).toEqual(sealed.values)

    const withoutBox = errorOf(() => readStackCredentials({ configDir }))
    expect(withoutBox.code).toBe('stack_credentials_sealed')
    expect(withoutBox.message).toContain(`${sealed.file} was sealed with the desktop app's keychain`)
    const otherKey = errorOf(() =>
      readStackCredentials({ configDir, secretBox: keySecretBox(randomBytes(32)) }),
    )
    expect(otherKey.message).toMatch(/cannot be decrypted with this user's keychain/)
    // A box whose keychain is not available writes in clear rather than weakly.
    const unavailable = { ...box, available: false }
    expect(
      ensureStackCredentials({ configDir: join(root, 'no-keychain'), secretBox: unavailable }).sealed,
    ).toBe(false)
  })

  it('a damaged file is named with what it lacks and the way out', () => {
    const configDir = join(root, 'damaged')
    const { file } = ensureStackCredentials({ configDir })
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^MINIO_ROOT_PASSWORD=.*$/m, ''))
    const damaged = errorOf(() => ensureStackCredentials({ configDir }))
    expect(damaged.message).toBe(
      `${file} lacks MINIO_ROOT_PASSWORD: restore the file, or delete it and reset the stack's volumes (medallion reset --scope volumes), which makes new credentials`,
    )
  })

  it('a configuration folder that is a file is named with the way out', () => {
    const blocker = join(root, 'a-file')
    writeFileSync(blocker, '')
    const failed = errorOf(() => ensureStackCredentials({ configDir: join(blocker, 'config') }))
    expect(failed.code).toBe('read_failed')
    expect(failed.message).toContain(join(blocker, 'config', 'stack.env'))
  })

  it('renewing replaces every value and keeps the file private', () => {
    const configDir = join(root, 'renewed')
    const old = ensureStackCredentials({ configDir })
    const renewed = renewStackCredentials({ configDir })
    for (const key of Object.keys(old.values)) expect(renewed.values[key]).not.toBe(old.values[key])
    expect(readStackCredentials({ configDir })).toEqual(renewed)
    expect(statSync(credentialsFile(configDir)).mode & 0o777).toBe(0o600)
  })

  it('leaves out the variables of the services that run without credentials', () => {
    const credentials = ensureStackCredentials({ configDir: join(root, 'legacy') })
    const variables = credentialVariables(credentials, ['mongo'])
    expect(Object.keys(variables).sort()).toEqual([CREDENTIALS_ID, 'MINIO_ROOT_PASSWORD', 'MINIO_ROOT_USER'])
    expect(credentialVariables(undefined)).toEqual({})
  })

  it('ranks below compose/.env and the environment when the compose file is read', async () => {
    const credentials = ensureStackCredentials({ configDir: join(root, 'ranked') })
    const envFile = join(root, 'user.env')
    writeFileSync(envFile, 'MINIO_ROOT_USER=users-own-name\n')
    const plan = await readComposeFile(join(REPO_ROOT, 'compose/docker-compose.yml'), {
      env: { MONGO_INITDB_ROOT_PASSWORD: 'from-the-environment' },
      envFile,
      defaults: credentialVariables(credentials),
    })
    const service = (name: string) => plan.services.find((s) => s.name === name)?.environment
    expect(service('minio')).toEqual({
      MINIO_ROOT_USER: 'users-own-name',
      MINIO_ROOT_PASSWORD: credentials.values.MINIO_ROOT_PASSWORD,
    })
    expect(service('mongo')).toEqual({
      MONGO_INITDB_ROOT_USERNAME: credentials.values.MONGO_INITDB_ROOT_USERNAME,
      MONGO_INITDB_ROOT_PASSWORD: 'from-the-environment',
    })
    // The volumes are created carrying the credentials' id.
    expect(plan.volumes.find((v) => v.key === 'mongo_data')?.labels).toEqual({
      'io.medallion.stack-credentials': credentials.values[CREDENTIALS_ID],
    })
  })
})

describe('the user configuration folder', () => {
  it('is MEDALLION_CONFIG_DIR, else where Electron keeps the app’s userData on each OS', () => {
    expect(userConfigDir({ MEDALLION_CONFIG_DIR: '/srv/medallion' }, 'linux', '/home/a')).toBe(
      '/srv/medallion',
    )
    expect(userConfigDir({}, 'linux', '/home/a')).toBe('/home/a/.config/Medallion')
    expect(userConfigDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/a')).toBe('/x/Medallion')
    expect(userConfigDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/Medallion')
    expect(userConfigDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toMatch(
      /Roaming[\\/]Medallion$/,
    )
  })
})
