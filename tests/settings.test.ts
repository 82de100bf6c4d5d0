/**
 * Settings through the contract's dispatcher, as the window and web mode call them: each value with its
 * source (environment, settings file, stack, default), validation, secrets refused without a SecretBox
 * and kept encrypted with one (an AES-GCM box with its own key), and the backends reading settings at
 * the next start, between the environment and the stack.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type Core, createCore } from '../src-main/core/app-core.ts'
import { resolveBackends, stackBackends } from '../src-main/core/backends.ts'
import { mlflowLocation } from '../src-main/core/ml/mlflow-location.ts'
import { mlflowSources } from '../src-main/core/ml/training-run.ts'
import { dispatch } from '../src-main/core/rpc.ts'
import { keySecretBox } from '../src-main/core/settings/key-secret-box.ts'
import type { SecretBox } from '../src-main/core/settings/secret-box.ts'
import {
  configuredApiPort,
  settingsEnv,
  withSavedSparkMaster,
} from '../src-main/core/settings/settings-env.ts'
import { writeStackMarker } from '../src-main/core/stack/stack-marker.ts'
import type { SettingEntry, SettingKey, SettingsView } from '../src-preload/contract-settings.ts'
import { REPO_ROOT, SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'

type Env = Record<string, string | undefined>

function settingsCore(dataDir: string, env: Env = {}, secretBox?: SecretBox): Core {
  const core = createCore({ dataDir, paths: SOURCE_PATHS, env, ...(secretBox ? { secretBox } : {}) })
  afterAll(() => core.close())
  return core
}

async function call(core: Core, name: 'settings.get' | 'settings.set', input: unknown = {}) {
  return dispatch(core.handlers, name, input) as Promise<
    { result: SettingsView } | { error: { code: string; message: string } }
  >
}

async function view(core: Core, input?: unknown, name: 'settings.get' | 'settings.set' = 'settings.get') {
  const answer = await call(core, name, input)
  if ('error' in answer) throw new Error(`${answer.error.code}: ${answer.error.message}`)
  return answer.result
}

function entry(settings: SettingsView, key: SettingKey): SettingEntry {
  const found = settings.entries.find((e) => e.key === key)
  if (!found) throw new Error(`no entry ${key}`)
  return found
}

const fileText = (dataDir: string) => readFileSync(join(dataDir, 'settings.json'), 'utf8')

describe('settings without a SecretBox (the CLI, web mode)', () => {
  const dataDir = tempDir('medallion-settings-plain-')
  const core = settingsCore(dataDir)

  it('starts from the defaults, each with its source and variable', async () => {
    const settings = await view(core)
    expect(settings.secretStorage).toBe(false)
    expect(settings.settingsFile).toBe(join(dataDir, 'settings.json'))
    expect(settings.dataDir).toBe(dataDir)
    expect(settings.theme).toBe('system')
    expect(entry(settings, 'mongoUrl')).toMatchObject({ value: null, source: 'not set', envVar: 'MONGO_URL' })
    expect(entry(settings, 'mongoDb')).toMatchObject({ value: 'gold_serving', source: 'default' })
    expect(entry(settings, 'apiPort')).toMatchObject({ value: '5000', source: 'default' })
    expect(entry(settings, 'minioSecretKey')).toMatchObject({
      value: '****',
      source: 'default',
      secret: true,
    })
    expect(settings.entries.every((e) => !e.pendingRestart)).toBe(true)
  })

  it('saves plain settings to settings.json; they apply at the next start, the theme at once', async () => {
    // Every plain setting: settings.json holds them as sent.
    const plain = {
      mongoUrl: 'mongodb://127.0.0.1:27999/',
      mongoDb: 'gold_e2e',
      minioEndpoint: '127.0.0.1:9999',
      minioAccessKey: 'lake-user',
      mlflowTrackingUri: 'http://127.0.0.1:5001',
      sparkMasterUrl: 'spark://127.0.0.1:7077',
      apiPort: 5123,
      theme: 'dark',
    }
    const saved = await view(core, plain, 'settings.set')
    for (const key of ['mongoUrl', 'mongoDb', 'minioEndpoint', 'apiPort', 'sparkMasterUrl'] as const) {
      expect(entry(saved, key)).toMatchObject({ source: 'settings file', pendingRestart: true })
    }
    expect(entry(saved, 'theme')).toMatchObject({
      value: 'dark',
      source: 'settings file',
      pendingRestart: false,
    })
    expect(JSON.parse(fileText(dataDir))).toEqual(plain)
    // A process started now reads them: the backends, and the read API's port.
    const backends = await resolveBackends(dataDir, {})
    expect(backends.mongo).toEqual({ url: 'mongodb://127.0.0.1:27999/', db: 'gold_e2e' })
    expect(backends.s3).toMatchObject({ endpoint: 'http://127.0.0.1:9999', accessKey: 'lake-user' })
    expect(configuredApiPort(dataDir, {})).toBe(5123)
    expect(entry(await view(settingsCore(dataDir)), 'mongoUrl').pendingRestart).toBe(false)
  })

  it('refuses a secret and says which variable to set instead; the file is left as it was', async () => {
    const before = fileText(dataDir)
    const secret = await call(core, 'settings.set', { minioSecretKey: 'lake-secret-4242' })
    expect(secret).toMatchObject({ error: { code: 'no_secret_storage' } })
    expect(JSON.stringify(secret)).toMatch(/Set MINIO_SECRET_KEY in the environment instead/)
    const password = await call(core, 'settings.set', {
      mongoDb: 'other',
      mongoUrl: 'mongodb://reader:pw-4242@127.0.0.1:27017/',
    })
    expect(password).toMatchObject({ error: { code: 'no_secret_storage' } })
    expect(JSON.stringify(password)).toMatch(/Set MONGO_URL in the environment instead/)
    expect(JSON.stringify(password)).not.toContain('pw-4242')
    expect(fileText(dataDir)).toBe(before)
  })

  it('checks every value, bounded, before anything is written', async () => {
    const before = fileText(dataDir)
    const refused = [
      { apiPort: 70_000 },
      { apiPort: 1.5 },
      { mongoDb: 'a/b' },
      { mongoUrl: 'http://127.0.0.1/' },
      { mongoUrl: `mongodb://${'h'.repeat(3000)}/` },
      { sparkMasterUrl: 'yarn' },
      { mlflowTrackingUri: 'file:///etc/passwd' },
      { theme: 'purple' },
      { unknownKey: 'x' },
    ]
    for (const input of refused) {
      expect(await call(core, 'settings.set', input), JSON.stringify(input).slice(0, 60)).toMatchObject({
        error: { code: 'invalid_input' },
      })
    }
    expect(await call(core, 'settings.set', { minioEndpoint: 'ftp://127.0.0.1:9000' })).toMatchObject({
      error: { code: 'invalid_config', message: expect.stringMatching(/must use http or https/) },
    })
    expect(await call(core, 'settings.set', { mongoUrl: 'mongodb://127.0.0.1:notaport/' })).toMatchObject({
      error: { code: 'invalid_config' },
    })
    expect(fileText(dataDir)).toBe(before)
  })

  it('null removes a saved value: the default applies again', async () => {
    const cleared = await view(core, { mongoDb: null, apiPort: null }, 'settings.set')
    expect(entry(cleared, 'mongoDb')).toMatchObject({ value: 'gold_serving', source: 'default' })
    expect(entry(cleared, 'apiPort')).toMatchObject({ value: '5000', source: 'default' })
    expect(JSON.parse(fileText(dataDir))).not.toHaveProperty('mongoDb')
  })

  it('a settings.json that is not JSON is reported, and saving is refused until it is fixed', async () => {
    const broken = tempDir('medallion-settings-broken-')
    writeFileSync(join(broken, 'settings.json'), '{ "mongoDb": ')
    const brokenCore = settingsCore(broken)
    const settings = await view(brokenCore)
    expect(settings.warnings.join('\n')).toMatch(/settings\.json cannot be read .*fix the file or delete it/)
    expect(await call(brokenCore, 'settings.set', { theme: 'light' })).toMatchObject({
      error: { code: 'settings_unreadable' },
    })
    expect(readFileSync(join(broken, 'settings.json'), 'utf8')).toBe('{ "mongoDb": ')
  })
})

describe('where a value comes from: environment, then settings file, then stack, then default', () => {
  it('an environment variable wins over the settings file, which is marked as overridden', async () => {
    const dataDir = tempDir('medallion-settings-env-')
    await view(settingsCore(dataDir), { mongoDb: 'from_file', apiPort: 5200 }, 'settings.set')
    const env = { MONGO_DB: 'from_env', MONGO_URI: 'mongodb://127.0.0.1:27017/' }
    const settings = await view(settingsCore(dataDir, env))
    expect(entry(settings, 'mongoDb')).toMatchObject({
      value: 'from_env',
      source: 'environment',
      overriddenByEnv: true,
    })
    // The original's MONGO_URI counts as the environment too.
    expect(entry(settings, 'mongoUrl')).toMatchObject({ source: 'environment', overriddenByEnv: false })
    expect(entry(settings, 'apiPort')).toMatchObject({ value: '5200', source: 'settings file' })
    expect(configuredApiPort(dataDir, { MEDALLION_API_PORT: '6001' })).toBe(6001)
    expect((await resolveBackends(dataDir, env)).mongo).toEqual({
      url: 'mongodb://127.0.0.1:27017/',
      db: 'from_env',
    })
  })

  it('the stack this data folder is on provides what neither the environment nor the file sets', async () => {
    const dataDir = tempDir('medallion-settings-stack-')
    const env = {
      COMPOSE_PROJECT_NAME: 'mt-settings',
      TEST_IMAGE: 'busybox',
      MONGO_PORT: '27555',
      MINIO_CONSOLE_PORT: '9555',
    }
    writeStackMarker(dataDir, {
      project: 'mt-settings',
      composeFile: join(REPO_ROOT, 'tests/fixtures/stack/medallion-like.yml'),
      profiles: [],
      since: new Date().toISOString(),
    })
    const core = createCore({
      dataDir,
      paths: { ...SOURCE_PATHS, composeFile: join(REPO_ROOT, 'tests/fixtures/stack/medallion-like.yml') },
      env,
    })
    afterAll(() => core.close())
    await view(core, { mongoDb: 'gold_saved' }, 'settings.set')
    const settings = await view(core)
    expect(entry(settings, 'mongoUrl')).toMatchObject({
      value: 'mongodb://127.0.0.1:27555/',
      source: 'stack',
    })
    expect(entry(settings, 'mongoDb')).toMatchObject({ value: 'gold_saved', source: 'settings file' })
    // The saved database applies to the stack's MongoDB, at a start and after an Up alike.
    expect((await resolveBackends(dataDir, env)).mongo).toEqual({
      url: 'mongodb://127.0.0.1:27555/',
      db: 'gold_saved',
    })
    const afterUp = stackBackends(
      { mongo: { url: 'mongodb://127.0.0.1:27555/', db: 'gold_serving' }, links: {} },
      dataDir,
      settingsEnv(dataDir, env).env,
    )
    expect(afterUp.mongo).toEqual({ url: 'mongodb://127.0.0.1:27555/', db: 'gold_saved' })
    // A saved URL wins over the stack's, as the environment does.
    await view(core, { mongoUrl: 'mongodb://127.0.0.1:27666/' }, 'settings.set')
    expect(entry(await view(core), 'mongoUrl')).toMatchObject({ source: 'settings file' })
    expect((await resolveBackends(dataDir, env)).mongo?.url).toBe('mongodb://127.0.0.1:27666/')
  })
})

describe('settings with a SecretBox (the desktop app)', () => {
  const dataDir = tempDir('medallion-settings-secret-')
  const box = keySecretBox(randomBytes(32))
  const core = settingsCore(dataDir, {}, box)
  const password = 'p@ss/Wörd?42'
  const url = `mongodb://reader:${encodeURIComponent(password)}@127.0.0.1:27017/?authSource=admin`
  const minioSecret = 'lake-secret-98765'
  const secretForms = [password, encodeURIComponent(password), minioSecret]

  it('keeps the secrets out of settings.json and out of every answer', async () => {
    const saved = await view(
      core,
      {
        mongoUrl: url,
        minioEndpoint: 'http://127.0.0.1:9000',
        minioAccessKey: 'lake',
        minioSecretKey: minioSecret,
      },
      'settings.set',
    )
    expect(saved.secretStorage).toBe(true)
    expect(entry(saved, 'mongoUrl')).toMatchObject({
      value: 'mongodb://reader:****@127.0.0.1:27017/?authSource=admin',
      source: 'settings file',
    })
    expect(entry(saved, 'minioSecretKey')).toMatchObject({ value: '****', source: 'settings file' })
    const text = fileText(dataDir)
    const answer = JSON.stringify(await call(core, 'settings.get'))
    for (const form of secretForms) {
      expect(text).not.toContain(form)
      expect(answer).not.toContain(form)
    }
    const stored = JSON.parse(text)
    expect(stored.mongoUrl).toBe('mongodb://reader@127.0.0.1:27017/?authSource=admin')
    expect(Object.keys(stored.encrypted).sort()).toEqual(['minioSecretKey', 'mongoPassword'])
  })

  it('the next start of the app decrypts them; the CLI cannot, says so and falls back whole', async () => {
    const app = await resolveBackends(dataDir, {}, box)
    expect(app.mongo?.url).toBe(url)
    expect(app.s3).toMatchObject({
      endpoint: 'http://127.0.0.1:9000',
      accessKey: 'lake',
      secretKey: minioSecret,
    })
    expect(app.warning).toBeUndefined()

    const cli = await resolveBackends(dataDir, {})
    expect(cli.mongo).toBeUndefined()
    expect(cli.s3).toBeUndefined()
    expect(cli.warning).toMatch(/MongoDB password is encrypted .* set MONGO_URL instead/)
    expect(cli.warning).toMatch(/set MINIO_ENDPOINT, MINIO_ACCESS_KEY and MINIO_SECRET_KEY instead/)
    // With the secret in its environment, the CLI needs no keychain.
    const withEnv = await resolveBackends(dataDir, { MINIO_SECRET_KEY: 'from-env' })
    expect(withEnv.s3).toMatchObject({ endpoint: 'http://127.0.0.1:9000', secretKey: 'from-env' })

    const otherKey = await resolveBackends(dataDir, {}, keySecretBox(randomBytes(32)))
    expect(otherKey.mongo).toBeUndefined()
    expect(otherKey.warning).toMatch(/cannot be decrypted/)
  })

  it('a URL sent back with **** keeps the saved password; without a password it drops it', async () => {
    const before = JSON.parse(fileText(dataDir)).encrypted.mongoPassword
    await view(core, { mongoUrl: 'mongodb://reader:****@127.0.0.2:27017/' }, 'settings.set')
    expect(JSON.parse(fileText(dataDir)).encrypted.mongoPassword).toBe(before)
    expect((await resolveBackends(dataDir, {}, box)).mongo?.url).toBe(
      `mongodb://reader:${encodeURIComponent(password)}@127.0.0.2:27017/`,
    )
    await view(core, { mongoUrl: 'mongodb://127.0.0.3:27017/' }, 'settings.set')
    expect(JSON.parse(fileText(dataDir)).encrypted).not.toHaveProperty('mongoPassword')
    expect(
      await call(core, 'settings.set', { mongoUrl: 'mongodb://reader:****@127.0.0.3:27017/' }),
    ).toMatchObject({
      error: { code: 'invalid_input', message: expect.stringMatching(/no password is saved/) },
    })
  })
})

describe("MLflow's credentials (MLflow's own variable names), applied at the next start", () => {
  const dataDir = tempDir('medallion-settings-mlflow-')
  const box = keySecretBox(randomBytes(32))
  const core = settingsCore(dataDir, {}, box)
  const password = 'ml/P@ss:w0rd'
  const token = 'dapi-Token-1234567890'
  const location = (on: Core) => mlflowLocation(mlflowSources(on))

  it('a URI saved with user:password@ is kept without them; they become the credentials, encrypted', async () => {
    const saved = await view(
      core,
      { mlflowTrackingUri: `http://ml-user:${encodeURIComponent(password)}@127.0.0.1:5999/` },
      'settings.set',
    )
    expect(saved.notes?.join(' ')).toMatch(/taken out of it and saved as MLflow's credentials/)
    expect(entry(saved, 'mlflowTrackingUri')).toMatchObject({
      value: 'http://127.0.0.1:5999/',
      pendingRestart: true,
    })
    expect(entry(saved, 'mlflowUsername')).toMatchObject({
      value: 'ml-user',
      envVar: 'MLFLOW_TRACKING_USERNAME',
    })
    expect(entry(saved, 'mlflowPassword')).toMatchObject({
      value: '****',
      secret: true,
      pendingRestart: true,
    })
    await view(core, { mlflowToken: token }, 'settings.set')
    const text = fileText(dataDir)
    const answer = JSON.stringify(await call(core, 'settings.get'))
    for (const form of [password, encodeURIComponent(password), token]) {
      expect(text).not.toContain(form)
      expect(answer).not.toContain(form)
    }
    const stored = JSON.parse(text)
    expect(stored).toMatchObject({ mlflowTrackingUri: 'http://127.0.0.1:5999/', mlflowUsername: 'ml-user' })
    expect(Object.keys(stored.encrypted).sort()).toEqual(['mlflowPassword', 'mlflowToken'])
  })

  it('the running core keeps what it started with; the next start sends them as a header', async () => {
    // Saved after this core started: like every endpoint, it waits for the next start.
    expect((await location(core)).uri).toBeUndefined()
    const next = settingsCore(dataDir, {}, box)
    expect(await location(next)).toMatchObject({
      uri: 'http://127.0.0.1:5999',
      source: 'settings file',
      // A user name with a password wins over the token, as in MLflow's own client.
      auth: { kind: 'basic', user: 'ml-user', password },
    })
    // Without the keychain the saved password cannot be read, so the user name goes with it; a token in
    // the environment is then sent as Bearer.
    const cli = settingsCore(dataDir, { MLFLOW_TRACKING_TOKEN: 'env-token-1' })
    expect(await location(cli)).toMatchObject({
      uri: 'http://127.0.0.1:5999',
      auth: { kind: 'bearer', token: 'env-token-1' },
    })
    expect((await view(cli)).warnings.join(' ')).toMatch(
      /MLflow's password is encrypted .* MLFLOW_TRACKING_TOKEN instead/,
    )
  })

  it('Spark’s master, like every endpoint, is what settings.json said when the core started', async () => {
    const folder = tempDir()
    const before = settingsCore(folder)
    await view(before, { sparkMasterUrl: 'spark://127.0.0.1:7177' }, 'settings.set')
    const sparkMaster = (core: Core, env: Env) =>
      withSavedSparkMaster(env, core.settingsAtStart.saved).SPARK_MASTER_URL
    expect(sparkMaster(before, {})).toBeUndefined()
    expect(sparkMaster(settingsCore(folder), {})).toBe('spark://127.0.0.1:7177')
    // The environment still wins, and nothing else saved joins the environment spark-submit inherits.
    expect(sparkMaster(settingsCore(folder), { SPARK_MASTER_URL: 'local[2]' })).toBe('local[2]')
    expect(Object.keys(withSavedSparkMaster({}, settingsCore(folder).settingsAtStart.saved))).toEqual([
      'SPARK_MASTER_URL',
    ])
  })

  it('without a keychain, a URI with a password is refused, naming the variables to set', async () => {
    const plain = tempDir()
    const cli = settingsCore(plain)
    const answer = await call(cli, 'settings.set', { mlflowTrackingUri: 'http://u:secretpw@127.0.0.1:5001' })
    expect(answer).toMatchObject({
      error: { code: 'no_secret_storage', message: expect.stringMatching(/MLFLOW_TRACKING_PASSWORD/) },
    })
    expect(JSON.stringify(answer)).not.toContain('secretpw')
  })

  it('a URI in the environment with userinfo is shown masked, and used without it', async () => {
    const envCore = settingsCore(tempDir(), {
      MLFLOW_TRACKING_URI: 'http://envuser:Env%40Pass9@127.0.0.1:5998',
    })
    const shown = await view(envCore)
    expect(entry(shown, 'mlflowTrackingUri')).toMatchObject({
      value: 'http://envuser:****@127.0.0.1:5998',
      source: 'environment',
    })
    const found = await location(envCore)
    expect(found).toMatchObject({
      uri: 'http://127.0.0.1:5998',
      auth: { kind: 'basic', user: 'envuser', password: 'Env@Pass9' },
    })
    expect(found.note).toMatch(/sent as an Authorization header, never in the URI/)
  })
})
