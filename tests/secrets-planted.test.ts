/**
 * Secrets planted in the environment and in the settings (a MongoDB password, MLflow's user, password
 * and token, an S3 secret key), then the app exercised as a user would: settings saved, a pipeline run, a
 * training tracked in a real MLflow (behind a recording proxy, to see the Authorization header), a
 * publish to a MongoDB that is not there, a run on an S3 lake that is not there, the `medallion` command
 * with MLflow down, and the diagnostics zip. The main log is electron-log's file logger (its Node build:
 * no Electron here) with the desktop app's redaction hook and lines. Every rpc answer (over HTTP), every
 * event on /events, every task log and error, the command's output, the main log, every file of the data
 * folder and every entry of the zip is then searched for every planted value in every common encoding:
 * none may appear.
 */
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import log from 'electron-log/node'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningApi, startApi } from '../src-main/core/api/server.ts'
import { type Core, createCore } from '../src-main/core/app-core.ts'
import { resolveBackends } from '../src-main/core/backends.ts'
import { diagnosticsSourcesFromCore } from '../src-main/core/diagnostics/core-sources.ts'
import { writeDiagnosticsZip } from '../src-main/core/diagnostics/diagnostics-zip.ts'
import { secretsFromEnv } from '../src-main/core/redact.ts'
import { keySecretBox } from '../src-main/core/settings/key-secret-box.ts'
import { readSavedSettings } from '../src-main/core/settings/settings-env.ts'
import { redactionHook, taskEndLine } from '../src-main/main-log-lines.ts'
import type { TaskInfo } from '../src-preload/contract.ts'
import { runCli } from './helpers/cli.ts'
import { freePort } from './helpers/ferretdb.ts'
import { bearer, openStream, postJson } from './helpers/http.ts'
import { MLFLOW_AVAILABLE, MLFLOW_SKIP_REASON, type RunningMlflow, startMlflow } from './helpers/mlflow.ts'
import { type RecordingServer, startRecordingServer } from './helpers/recording-server.ts'
import { SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'

/** Each planted value is unique, so a hit names where it came from. */
const PLANTED = {
  envMongoPassword: 'EnvMongo-Pw-4821q',
  envMlflowPassword: 'EnvMlflow-Pw-7730q',
  envMlflowToken: 'EnvMlflow-Token-5519q',
  envUriPassword: 'EnvUri-Pw-6604q',
  envS3Secret: 'EnvS3-Secret-3391q',
  setMongoPassword: 'SetMongo-Pw-9912q',
  setS3Secret: 'SetS3-Secret-2287q',
  setMlflowPassword: 'SetMlflow-Pw-1174q',
  setMlflowToken: 'SetMlflow-Token-8846q',
} as const

/** Every way a secret could be written: as is, URL-encoded, JSON-escaped, base64 (padded or not), base64url. */
function forms(secret: string): string[] {
  const base64 = Buffer.from(secret).toString('base64')
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      JSON.stringify(secret).slice(1, -1),
      base64,
      base64.replace(/=+$/, ''),
      base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    ]),
  ]
}

/** Where each planted value (any form) appears in what was collected: empty when nothing leaked. */
function leaks(collected: ReadonlyArray<[where: string, content: string | Uint8Array]>): string[] {
  const found: string[] = []
  for (const [where, content] of collected) {
    const buffer = Buffer.from(content)
    for (const [name, secret] of Object.entries(PLANTED)) {
      for (const form of forms(secret))
        if (buffer.includes(form)) found.push(`${where} holds ${name} (${form})`)
    }
  }
  return found
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Every server-sent event of one /events stream, as received. */
async function recordEvents(api: RunningApi): Promise<{ text: () => string; close(): void }> {
  const stream = await openStream(api.url, '/events', bearer(api.token))
  let received = ''
  ;(stream.res as IncomingMessage).on('data', (chunk: Buffer) => {
    received += chunk.toString('utf8')
  })
  return { text: () => received, close: () => stream.close() }
}

describe.skipIf(!MLFLOW_AVAILABLE)(
  `planted secrets appear in no answer, log, file or archive (${MLFLOW_AVAILABLE ? 'real MLflow' : MLFLOW_SKIP_REASON})`,
  () => {
    const dataDir = tempDir('medallion-secrets-')
    const webRoot = tempDir('medallion-secrets-web-')
    const outDir = tempDir('medallion-secrets-out-')
    const box = keySecretBox(randomBytes(32))
    const cores: Core[] = []
    /** Everything an rpc answered, an event carried, a task logged, the command printed: [where, text]. */
    const collected: [string, string | Uint8Array][] = []
    let mlflow: RunningMlflow
    let proxy: RecordingServer
    let api: RunningApi
    let closedPort: number
    let env: Record<string, string>
    let zipEntries: Record<string, Uint8Array>
    const mainLog = join(outDir, 'main.log')

    const startCore = async (coreEnv: Record<string, string>): Promise<Core> => {
      // As the desktop app starts: the backends from the environment, the settings and the keychain.
      const backends = await resolveBackends(dataDir, coreEnv, box)
      const core = createCore({
        dataDir,
        paths: SOURCE_PATHS,
        env: coreEnv,
        secretBox: box,
        mongo: backends.mongo,
        s3: backends.s3,
      })
      cores.push(core)
      return core
    }

    /** One call over HTTP as the browser makes it; the raw answer is kept for the scan. */
    const rpc = async (name: string, input: unknown = {}): Promise<Record<string, unknown>> => {
      const answer = await postJson(api.url, `/rpc/${name}`, input, { Origin: api.url, ...bearer(api.token) })
      collected.push([`the answer to ${name}`, answer.text])
      return answer.json() as Record<string, unknown>
    }

    const taskEnd = async (taskId: string): Promise<TaskInfo> => {
      for (;;) {
        const { result } = (await rpc('tasks.list')) as { result: TaskInfo[] }
        const task = result.find((t) => t.id === taskId)
        if (task && task.state !== 'running') return task
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }

    const startTask = async (name: string, input: unknown): Promise<TaskInfo> => {
      const { result } = (await rpc(name, input)) as { result: { taskId: string } }
      return taskEnd(result.taskId)
    }

    beforeAll(async () => {
      ;[mlflow, closedPort] = await Promise.all([startMlflow(), freePort()])
      proxy = await startRecordingServer({ forward: mlflow.url })
      writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>medallion</title>')
      env = {
        MONGO_URL: `mongodb://medallion:${PLANTED.envMongoPassword}@127.0.0.1:${closedPort}/medallion`,
        MINIO_ACCESS_KEY: 'medallion',
        MINIO_SECRET_KEY: PLANTED.envS3Secret,
        // Userinfo in the URI and credentials beside it: the credentials win, the URI is used without it.
        MLFLOW_TRACKING_URI: `http://ml-uri:${PLANTED.envUriPassword}@${new URL(proxy.url).host}`,
        MLFLOW_TRACKING_USERNAME: 'ml-env',
        MLFLOW_TRACKING_PASSWORD: PLANTED.envMlflowPassword,
        MLFLOW_TRACKING_TOKEN: PLANTED.envMlflowToken,
      }

      // First start, without the environment: the user saves secrets in Settings, then runs the pipeline.
      const first = createCore({ dataDir, paths: SOURCE_PATHS, env: {}, secretBox: box })
      cores.push(first)
      const saved = await first.handlers['settings.set']({
        mongoUrl: `mongodb://reader:${PLANTED.setMongoPassword}@127.0.0.1:${closedPort}/`,
        minioAccessKey: 'lake',
        minioSecretKey: PLANTED.setS3Secret,
        mlflowTrackingUri: `http://ml-set:${PLANTED.setMlflowPassword}@127.0.0.1:${closedPort}`,
        mlflowToken: PLANTED.setMlflowToken,
      })
      collected.push(['the answer to settings.set', JSON.stringify(saved)])
      await first.sources.generate({ seed: 7, dirtyShare: 0.02 }).done
      await first.pipeline.start({ from: 'bronze' }).done
      await first.close()

      // The main log as the desktop app keeps it: the environment's secrets, then the core's once it starts.
      const logSecrets = new Set(secretsFromEnv(env))
      log.transports.file.resolvePathFn = () => mainLog
      log.transports.console.level = false
      log.hooks.push(redactionHook(() => [...logSecrets]))

      // The next start, with the environment: web mode over HTTP.
      const backends = await resolveBackends(dataDir, env, box)
      if (backends.warning) log.warn(`medallion: ${backends.warning}`)
      const core = await startCore(env)
      for (const secret of core.secrets.list()) logSecrets.add(secret)
      core.tasks.on('changed', (task) => {
        if (task.state !== 'running') log.info(taskEndLine(task))
      })
      // What an uncaught error of the main process would write, the raw URL in its message and stack.
      log.error(new Error(`could not reach ${env.MONGO_URL} nor ${env.MLFLOW_TRACKING_URI}`))
      log.info('settings in use', { mongoUrl: env.MONGO_URL, minioSecretKey: PLANTED.setS3Secret })
      api = await startApi({
        handlers: core.handlers,
        store: () => core.serving.store,
        events: core.events,
        port: 0,
        webRoot,
      })
      const events = await recordEvents(api)
      try {
        for (const name of ['settings.get', 'app.info', 'serving.status', 'pipeline.runs', 'stack.status']) {
          await rpc(name)
        }
        const trained = await startTask('ml.train', { model: 'predictor' })
        expect(trained.state, trained.error).toBe('succeeded')
        await rpc('ml.runs', {})
        const published = await startTask('serving.publish', {})
        expect(published.state).toBe('failed')
        const badRun = await startTask('pipeline.run', { from: 'bronze', inputDir: '/nonexistent' })
        collected.push(['a failed run', JSON.stringify(badRun)])
        await rpc('pipeline.runs')
      } finally {
        events.close()
      }
      collected.push(['the /events stream', events.text()])
      await api.close()

      // A run on an S3 lake that is not there.
      const onS3 = await startCore({ ...env, MINIO_ENDPOINT: `127.0.0.1:${closedPort}` })
      const s3Run = await onS3.pipeline
        .start({ from: 'bronze' })
        .done.then(() => undefined)
        .catch((err: unknown) => (err as Error).message)
      expect(s3Run).toMatch(/cannot reach the S3 lake/)
      collected.push(
        ['the S3 run error', String(s3Run)],
        ['the S3 core tasks', JSON.stringify(onS3.tasks.list())],
      )
      collected.push(['the tasks', JSON.stringify(core.tasks.list())])

      // The command, with MLflow down and its credentials only in the URI.
      const cliEnv = {
        ...env,
        MLFLOW_TRACKING_URI: `http://ml-uri:${PLANTED.envUriPassword}@127.0.0.1:${closedPort}`,
        MLFLOW_TRACKING_USERNAME: '',
        MLFLOW_TRACKING_PASSWORD: '',
        MLFLOW_TRACKING_TOKEN: '',
      }
      const cliLog = join(outDir, 'cli.log')
      const lines: string[] = []
      for (const args of [['publish'], ['train', 'advisor'], ['runs'], ['status']]) {
        const result = await runCli([...args, '--data-dir', dataDir], cliEnv)
        lines.push(`$ medallion ${args.join(' ')} (exit ${result.code})`, result.stdout, result.stderr)
      }
      writeFileSync(cliLog, lines.join('\n'))
      collected.push(['the command output', lines.join('\n')])

      const zip = await writeDiagnosticsZip(
        join(outDir, 'diagnostics.zip'),
        diagnosticsSourcesFromCore(core, {
          medallionVersion: '0.0.0-test',
          logFiles: [mainLog, cliLog],
          env,
        }),
      )
      zipEntries = unzipSync(readFileSync(zip.path))
    }, 400_000)

    afterAll(async () => {
      await Promise.all(cores.map((core) => core.close()))
      await proxy?.close()
      await mlflow?.stop()
    })

    it('planted them for real: saved encrypted, and used', () => {
      const saved = readSavedSettings(dataDir, {}, box).values
      expect(saved.mongoUrl).toContain(PLANTED.setMongoPassword)
      expect(saved).toMatchObject({
        minioSecretKey: PLANTED.setS3Secret,
        mlflowUsername: 'ml-set',
        mlflowPassword: PLANTED.setMlflowPassword,
        mlflowToken: PLANTED.setMlflowToken,
      })
      // The scan finds a planted value where there is one.
      expect(leaks([['a probe', `x ${encodeURIComponent(PLANTED.envUriPassword)} y`]])).toHaveLength(1)
    })

    it('sends MLflow the environment’s credentials as a Basic Authorization header, never in the URL', () => {
      const basic = `Basic ${Buffer.from(`ml-env:${PLANTED.envMlflowPassword}`).toString('base64')}`
      expect(proxy.requests.length).toBeGreaterThan(3)
      for (const req of proxy.requests) {
        expect(req.headers.authorization).toBe(basic)
        expect(req.path).not.toMatch(/ml-env|ml-uri/)
      }
    })

    it('shows each URL setting without a password, and says where the credentials went', () => {
      const answer = collected.find(([where]) => where === 'the answer to settings.get')?.[1] as string
      const entries = (JSON.parse(answer).result.entries as { key: string; value: string | null }[]).map(
        (e) => [e.key, e.value],
      )
      expect(Object.fromEntries(entries)).toMatchObject({
        mongoUrl: `mongodb://medallion:****@127.0.0.1:${closedPort}/medallion`,
        mlflowTrackingUri: `http://ml-uri:****@${new URL(proxy.url).host}`,
        mlflowUsername: 'ml-env',
        mlflowPassword: '****',
        mlflowToken: '****',
        minioSecretKey: '****',
      })
      const runs = collected.find(([where]) => where === 'the answer to ml.runs')?.[1] as string
      expect(JSON.parse(runs).result.runs[0].mlflow.trackingUri).toBe(proxy.url)
    })

    it('finds none of them in any answer, event, task log, error or command output', () => {
      expect(collected.length).toBeGreaterThan(15)
      expect(leaks(collected)).toEqual([])
    })

    it('finds none of them in the main log, which holds the lines the app wrote', () => {
      const text = readFileSync(mainLog, 'utf8')
      expect(text).toMatch(/task publish "Publish gold to MongoDB" failed: .*mongodb:\/\/medallion:\*\*\*@/)
      expect(text).toMatch(/task ml-train "Train the predictor" succeeded/)
      expect(text).toContain('could not reach mongodb://medallion:***@')
      expect(leaks([['the main log', text]])).toEqual([])
    })

    it('finds none of them in any file of the data folder, settings.json included', () => {
      const files = filesUnder(dataDir)
      expect(files.some((f) => f.endsWith('runs.jsonl'))).toBe(true)
      expect(files.length).toBeGreaterThan(20)
      expect(leaks(files.map((file) => [file, readFileSync(file)]))).toEqual([])
    })

    it('finds none of them in the diagnostics zip', () => {
      const names = Object.keys(zipEntries)
      expect(names).toEqual(
        expect.arrayContaining(['settings.json', 'environment.json', 'logs/main.log', 'logs/cli.log']),
      )
      expect(leaks(Object.entries(zipEntries))).toEqual([])
    })
  },
)
