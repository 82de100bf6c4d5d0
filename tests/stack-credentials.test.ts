/**
 * The stack's generated credentials on real servers: Podman runs the credentialed services of our compose
 * file with a real FerretDB as `mongo` and a real MinIO as `minio` inside the test image
 * (fixtures/stack/credentials.yml), each taking its credentials from the container's environment as the
 * real images do. Created once on the first Up (0600, in the configuration folder), used by the app's
 * MongoDB and S3 clients, kept across Down and Up, new after a reset of the volumes; compose/.env wins;
 * a volume from before the credentials runs without them, with a warning; one made with other
 * credentials is refused.
 */
import { randomBytes } from 'node:crypto'
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Core, createCore } from '../src-main/core/app-core.ts'
import { resolveBackends } from '../src-main/core/backends.ts'
import { MongoStore } from '../src-main/core/serving/mongo-store.ts'
import { keySecretBox } from '../src-main/core/settings/key-secret-box.ts'
import type { Engine } from '../src-main/core/stack/engine.ts'
import { parseEnvFile } from '../src-main/core/stack/env-file.ts'
import { CREDENTIALS_ID } from '../src-main/core/stack/stack-credentials.ts'
import { stackEndpoints } from '../src-main/core/stack/stack-endpoints.ts'
import { readStackMarker } from '../src-main/core/stack/stack-marker.ts'
import { LABEL_PROJECT, LABEL_VOLUME } from '../src-main/core/stack/stack-plan.ts'
import { CREDENTIALS_LABEL } from '../src-main/core/stack/volume-credentials.ts'
import { runCli } from './helpers/cli.ts'
import { FERRETDB_AVAILABLE, FERRETDB_BIN, freePort } from './helpers/ferretdb.ts'
import { hostLibraries } from './helpers/host-binaries.ts'
import { MINIO_AVAILABLE, MINIO_BIN } from './helpers/minio.ts'
import { ENGINE_LABEL, PODMAN, PODMAN_SOCKET, removeTestProject, uniqueProject } from './helpers/podman.ts'
import { REPO_ROOT, SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'
import { ensureTestImage } from './helpers/test-images.ts'

const engine = PODMAN.engine as Engine
const FIXTURE = join(REPO_ROOT, 'tests/fixtures/stack/credentials.yml')
const libraries = FERRETDB_AVAILABLE && MINIO_AVAILABLE ? hostLibraries([FERRETDB_BIN, MINIO_BIN]) : undefined
const ready = PODMAN.engine !== undefined && libraries !== undefined && 'dir' in libraries

const credentialsOf = (file: string) => parseEnvFile(readFileSync(file, 'utf8'), file)

function s3(endpoint: string, accessKeyId: string, secretAccessKey: string): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey },
    forcePathStyle: true,
  })
}

/** Whether MinIO accepts these keys (a signed request), and with what error when it does not. */
async function s3Accepts(endpoint: string, user: string, password: string): Promise<true | string> {
  const client = s3(endpoint, user, password)
  try {
    await client.send(new ListBucketsCommand({}))
    return true
  } catch (err) {
    return (err as Error).name
  } finally {
    client.destroy()
  }
}

/** Whether FerretDB lets this URL read: the KPIs read the publish document (null: nothing published yet). */
async function mongoAccepts(url: string): Promise<boolean> {
  const store = new MongoStore({ url, db: 'medallion' })
  try {
    return await store.kpis().then(
      () => true,
      () => false,
    )
  } finally {
    await store.close()
  }
}

describe.skipIf(!ready)(`the stack's credentials (${ENGINE_LABEL}, FerretDB and MinIO in containers)`, () => {
  const project = uniqueProject('creds')
  const root = tempDir('medallion-creds-')
  const dataDir = join(root, 'data')
  // Not there yet: the first Up creates it, private.
  const configDir = join(root, 'config')
  const file = join(configDir, 'stack.env')
  let env: Record<string, string>
  let core: Core
  const mongoUrl = () => `mongodb://127.0.0.1:${env.MONGO_PORT}/`
  const minioUrl = () => `http://127.0.0.1:${env.MINIO_PORT}`

  beforeAll(async () => {
    const host = libraries as { dir: string; loader: string }
    env = {
      COMPOSE_PROJECT_NAME: project,
      TEST_IMAGE: await ensureTestImage(engine),
      MONGO_PORT: String(await freePort()),
      MINIO_PORT: String(await freePort()),
      FERRETDB_DIR: dirname(FERRETDB_BIN),
      FERRETDB_NAME: basename(FERRETDB_BIN),
      MINIO_DIR: dirname(MINIO_BIN),
      MINIO_NAME: basename(MINIO_BIN),
      HOST_LIB_DIR: host.dir,
      HOST_LOADER: host.loader,
    }
    core = createCore({
      dataDir,
      paths: { ...SOURCE_PATHS, composeFile: FIXTURE },
      engineSocket: `unix://${PODMAN_SOCKET}`,
      env,
      configDir,
    })
  }, 120_000)

  afterAll(async () => {
    await core?.close()
    await removeTestProject(engine, project)
  })

  const up = () => core.stack.up({ profiles: [], pipeline: false })

  it('the first Up generates them once, 0600 in a private folder, and the app signs in with them', async () => {
    expect((await core.stack.status()).stackEnv).toMatchObject({ file, state: 'missing' })
    const { task, done } = up()
    const outcome = await done
    expect(outcome.warnings).toEqual([])
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(configDir).mode & 0o777).toBe(0o700)
    const values = credentialsOf(file)
    expect(values.MINIO_ROOT_USER).toMatch(/^medallion-[\w-]{12}$/)
    expect(values.MINIO_ROOT_PASSWORD).toMatch(/^[\w-]{32}$/)
    expect(values.MONGO_INITDB_ROOT_PASSWORD).toMatch(/^[\w-]{32}$/)
    expect(values.MONGO_INITDB_ROOT_PASSWORD).not.toBe(values.MINIO_ROOT_PASSWORD)

    // The app's own clients: its serving store reads FerretDB as the generated user, its lake lists MinIO.
    expect(core.serving.store.kind).toBe('mongo')
    expect(await core.serving.store.kpis()).toBeNull()
    expect((await core.serving.store.health()).detail).toContain(`${values.MONGO_INITDB_ROOT_USERNAME}:****@`)
    const admin = s3(minioUrl(), values.MINIO_ROOT_USER as string, values.MINIO_ROOT_PASSWORD as string)
    await admin.send(new CreateBucketCommand({ Bucket: 'gold' }))
    admin.destroy()
    expect(core.lake.location).toContain(minioUrl())
    expect(await core.lake.listRuns()).toEqual([])

    // The servers enforce them: no password, or the old defaults, are refused.
    expect(await mongoAccepts(mongoUrl())).toBe(false)
    expect(await s3Accepts(minioUrl(), 'minioadmin', 'minioadmin')).toBe('InvalidAccessKeyId')

    // Never shown: the task's log names the file, not the values.
    const logs = task.info.logs.join('\n')
    expect(logs).toContain(`stack credentials file: ${file}`)
    for (const key of ['MINIO_ROOT_PASSWORD', 'MONGO_INITDB_ROOT_PASSWORD'])
      expect(logs).not.toContain(values[key])
    const status = await core.stack.status()
    expect(status.stackEnv).toEqual({ file, state: 'clear', withoutAuth: [] })
    // The plan status compares with holds the credentials the containers were made with.
    expect(status.services.map((s) => [s.service, s.upToDate])).toEqual([
      ['mongo', true],
      ['minio', true],
    ])
    expect(JSON.stringify(status)).not.toContain(values.MONGO_INITDB_ROOT_PASSWORD)
  }, 180_000)

  it('Down and Up keep them, and the data the services keep still opens with them', async () => {
    const before = readFileSync(file, 'utf8')
    await core.stack.down().done
    const outcome = await up().done
    expect(outcome.services.map((s) => s.action)).toEqual(['created', 'created'])
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(await core.serving.store.kpis()).toBeNull()
    // The bucket made before Down is still there, on the volume that kept MinIO's data.
    expect(await core.lake.listRuns()).toEqual([])
  }, 180_000)

  it('a value set in compose/.env wins over the generated one, which stays in the file', async () => {
    const composeDir = join(root, 'compose')
    mkdirSync(composeDir)
    copyFileSync(FIXTURE, join(composeDir, 'docker-compose.yml'))
    writeFileSync(join(composeDir, '.env'), 'MINIO_ROOT_PASSWORD=chosen-by-the-user-42\n')
    const other = createCore({
      dataDir: join(root, 'other-data'),
      paths: { ...SOURCE_PATHS, composeFile: join(composeDir, 'docker-compose.yml') },
      engineSocket: `unix://${PODMAN_SOCKET}`,
      env,
      configDir,
    })
    try {
      const generated = credentialsOf(file)
      const plan = await other.stack.plan()
      const minio = plan.services.find((s) => s.name === 'minio')
      expect(minio?.environment).toEqual({
        MINIO_ROOT_USER: generated.MINIO_ROOT_USER,
        MINIO_ROOT_PASSWORD: 'chosen-by-the-user-42',
      })
      expect(stackEndpoints(plan).s3?.secretKey).toBe('chosen-by-the-user-42')
      expect(credentialsOf(file).MINIO_ROOT_PASSWORD).toBe(generated.MINIO_ROOT_PASSWORD)
    } finally {
      await other.close()
    }
  })

  it('a reset of the volumes makes new ones, and the next Up runs with them', async () => {
    const old = credentialsOf(file)
    const oldUrl = stackEndpoints(await core.stack.plan()).mongo?.url as string
    const { task, done } = core.stack.reset('volumes')
    await done
    expect(task.info.logs.join('\n')).toContain(`new credentials in ${file}`)
    const renewed = credentialsOf(file)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    for (const key of Object.keys(old)) expect(renewed[key], key).not.toBe(old[key])

    await up().done
    expect(await core.serving.store.kpis()).toBeNull()
    expect(await mongoAccepts(oldUrl)).toBe(false)
    expect(await mongoAccepts(stackEndpoints(await core.stack.plan()).mongo?.url as string)).toBe(true)
    expect(
      await s3Accepts(minioUrl(), old.MINIO_ROOT_USER as string, old.MINIO_ROOT_PASSWORD as string),
    ).toBe('InvalidAccessKeyId')
    expect(
      await s3Accepts(minioUrl(), renewed.MINIO_ROOT_USER as string, renewed.MINIO_ROOT_PASSWORD as string),
    ).toBe(true)
  }, 180_000)

  it('volumes from before the credentials keep running without them, with a warning that says how to turn them on', async () => {
    await core.stack.reset('volumes').done
    // As Medallion created them before the stack had credentials: the project's labels, no credentials id.
    for (const key of ['mongo_data', 'minio_data']) {
      await engine.docker.createVolume({
        Name: `${project}_${key}`,
        Labels: { [LABEL_PROJECT]: project, [LABEL_VOLUME]: key },
      })
    }
    const outcome = await up().done
    expect(outcome.warnings).toHaveLength(2)
    expect(outcome.warnings[0]).toMatch(
      /^mongo runs without authentication: its volume .*_mongo_data was created before .*`medallion reset --scope volumes`/,
    )
    expect(readStackMarker(dataDir)?.withoutAuth).toEqual(['mongo', 'minio'])
    // The app follows: no credentials for MongoDB, MinIO's defaults.
    expect(stackEndpoints(await core.stack.plan()).mongo?.url).toBe(mongoUrl())
    expect(await core.serving.store.kpis()).toBeNull()
    expect(await mongoAccepts(mongoUrl())).toBe(true)
    expect(await s3Accepts(minioUrl(), 'minioadmin', 'minioadmin')).toBe(true)

    const cli = await runCli(['status', '--data-dir', dataDir, '--compose', FIXTURE], {
      ...process.env,
      ...env,
      DOCKER_HOST: `unix://${PODMAN_SOCKET}`,
      MEDALLION_CONFIG_DIR: configDir,
    })
    expect(cli.code).toBe(0)
    expect(cli.stdout).toContain(
      `credentials file: ${file} (docker compose --env-file <this file> uses them)`,
    )
    expect(cli.stdout).toMatch(
      /warning: mongo runs without authentication .*reset --scope volumes turns it on/,
    )
  }, 240_000)

  it('a volume made with other credentials is refused, naming the file and the way out', async () => {
    await core.stack.reset('volumes').done
    await engine.docker.createVolume({
      Name: `${project}_mongo_data`,
      Labels: {
        [LABEL_PROJECT]: project,
        [LABEL_VOLUME]: 'mongo_data',
        [CREDENTIALS_LABEL]: 'someone-elses',
      },
    })
    const refused = (await up().done.catch((err: unknown) => err)) as Error & { code?: string }
    expect(refused.code).toBe('stack_credentials_mismatch')
    expect(refused.message).toContain(
      `${project}_mongo_data of mongo was created with other credentials than ${file}`,
    )
    expect(refused.message).toContain('medallion reset --scope volumes')
    expect(credentialsOf(file)[CREDENTIALS_ID]).not.toBe('someone-elses')
  }, 120_000)

  it('the window seals them with its SecretBox; the app reads them back with it, and only with it', async () => {
    await core.stack.reset('volumes').done
    const windowConfig = join(root, 'window-config')
    const windowData = join(root, 'window-data')
    const secretBox = keySecretBox(randomBytes(32))
    const window = createCore({
      dataDir: windowData,
      paths: { ...SOURCE_PATHS, composeFile: FIXTURE },
      engineSocket: `unix://${PODMAN_SOCKET}`,
      env,
      configDir: windowConfig,
      secretBox,
    })
    try {
      await window.stack.up({ profiles: [], pipeline: false }).done
      const sealedFile = join(windowConfig, 'stack.env')
      expect(statSync(sealedFile).mode & 0o777).toBe(0o600)
      expect(Object.keys(credentialsOf(sealedFile))).toEqual(['MEDALLION_SEALED_CREDENTIALS'])
      expect((await window.stack.status()).stackEnv).toMatchObject({ file: sealedFile, state: 'sealed' })
      expect(await window.serving.store.kpis()).toBeNull()
      // The next start finds the stack through the sealed file, with the keychain; without it, it says why.
      const next = await resolveBackends(windowData, env, secretBox, windowConfig)
      expect(next.mongo?.url).toMatch(
        /^mongodb:\/\/medallion-[\w-]+:[\w-]+@127\.0\.0\.1:\d+\/\?authSource=admin$/,
      )
      expect(await mongoAccepts(next.mongo?.url as string)).toBe(true)
      const withoutKeychain = await resolveBackends(windowData, env, undefined, windowConfig)
      expect(withoutKeychain.mongo).toBeUndefined()
      expect(withoutKeychain.warning).toContain(`${sealedFile} was sealed with the desktop app's keychain`)
      // The medallion command has no keychain: its status says the file is sealed, and why it cannot read it.
      const cli = await runCli(['status', '--data-dir', windowData, '--compose', FIXTURE], {
        ...process.env,
        ...env,
        DOCKER_HOST: `unix://${PODMAN_SOCKET}`,
        MEDALLION_CONFIG_DIR: windowConfig,
      })
      expect(cli.code).toBe(0)
      expect(cli.stdout).toContain(
        `credentials file: ${sealedFile} (${sealedFile} was sealed with the desktop app's keychain`,
      )
    } finally {
      await window.close()
    }
  }, 120_000)
})
