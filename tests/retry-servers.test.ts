/**
 * Retries against real servers the test stops and starts: an unattended publish (FerretDB) and run (MinIO)
 * succeed when the server comes back within the retry window and fail with every attempt logged when it
 * does not; a data error fails at once; a busy data lock is waited for.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSources } from '../pipelines/generate/generate.ts'
import type { Core } from '../src-main/core/app-core.ts'
import { createCore } from '../src-main/core/app-core.ts'
import type { RetryPolicy } from '../src-main/core/automation/retry.ts'
import { acquireDataLock } from '../src-main/core/data-lock.ts'
import { MlService } from '../src-main/core/ml/ml-service.ts'
import { FERRETDB_AVAILABLE, FERRETDB_SKIP_REASON, freePort, startFerretDb } from './helpers/ferretdb.ts'
import { MINIO_AVAILABLE, MINIO_SKIP_REASON, type RunningMinio, startMinio } from './helpers/minio.ts'
import { MLFLOW_AVAILABLE, MLFLOW_SKIP_REASON, type RunningMlflow, startMlflow } from './helpers/mlflow.ts'
import { SOURCE_PATHS, tempDir } from './helpers/temp-data.ts'

const BUCKETS = ['bronze', 'silver', 'gold']
/** Short waits: a test window of seconds, not the default minute. */
const POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 2_000 }
/** Room for a MinIO that starts slowly on a busy machine (up to ~12 s after the first failure). */
const COMEBACK_POLICY: RetryPolicy = { attempts: 6, baseDelayMs: 1_000, maxDelayMs: 3_000 }

let sources: string
beforeAll(async () => {
  sources = tempDir('medallion-retry-src-')
  await generateSources({ outDir: sources, clients: 30, purchases: 200, seed: 3 })
})

/** The task's log lines as they come; `attempts()` the retry lines among them. */
function taskLog(core: Core, taskId: string) {
  const lines: string[] = []
  core.tasks.on('log', ({ id, line }) => {
    if (id === taskId) lines.push(line)
  })
  return {
    lines,
    attempts: () => lines.filter((line) => / failed \(attempt \d+ of \d+\)/.test(line)),
    /** Resolves at the first failed attempt. */
    firstFailure: async () => {
      while (!lines.some((line) => /attempt 1 of/.test(line))) await sleep(50)
    },
  }
}

function core(dataDir: string, extra: Partial<Parameters<typeof createCore>[0]> = {}): Core {
  const started = createCore({ dataDir, paths: SOURCE_PATHS, retry: POLICY, ...extra })
  afterAll(() => started.close())
  return started
}

describe.skipIf(!FERRETDB_AVAILABLE)(
  `publish retries (${FERRETDB_AVAILABLE ? 'FerretDB' : FERRETDB_SKIP_REASON})`,
  () => {
    let server: Awaited<ReturnType<typeof startFerretDb>> | undefined
    afterAll(() => server?.stop())

    it('succeeds once MongoDB comes back within the retry window', async () => {
      const port = await freePort()
      const dataDir = tempDir()
      const c = core(dataDir, { mongo: { url: `mongodb://127.0.0.1:${port}/`, db: 'retry_back' } })
      await c.pipeline.start({ from: 'bronze', inputDir: sources }).done
      const { task, done } = c.publish({ retry: c.retryPolicy })
      const log = taskLog(c, task.id)
      await log.firstFailure()
      server = await startFerretDb({ port })
      const summary = await done
      expect(summary.collections.length).toBeGreaterThan(0)
      expect(log.attempts().length).toBeGreaterThanOrEqual(1)
      expect(log.attempts()[0]).toMatch(/^publish failed \(attempt 1 of 4\): .*next try in/)
    })

    it('fails with every attempt logged when MongoDB stays down; a manual publish is tried once', async () => {
      const dataDir = tempDir()
      const c = core(dataDir, {
        mongo: { url: `mongodb://127.0.0.1:${await freePort()}/`, db: 'retry_down' },
      })
      await c.pipeline.start({ from: 'bronze', inputDir: sources }).done
      const { task, done } = c.publish({ retry: c.retryPolicy })
      const log = taskLog(c, task.id)
      await expect(done).rejects.toMatchObject({ code: 'publish_failed' })
      expect(log.attempts().map((line) => /attempt (\d)/.exec(line)?.[1])).toEqual(['1', '2', '3', '4'])
      expect(log.attempts()[3]).toMatch(/giving up$/)

      const manual = c.publish()
      const manualLog = taskLog(c, manual.task.id)
      await expect(manual.done).rejects.toMatchObject({ code: 'publish_failed' })
      expect(manualLog.attempts()).toEqual([])
    })

    it('does not retry a data error: nothing to publish', async () => {
      server ??= await startFerretDb()
      const c = core(tempDir(), { mongo: { url: server.url, db: 'retry_nothing' } })
      const { task, done } = c.publish({ retry: c.retryPolicy })
      const log = taskLog(c, task.id)
      await expect(done).rejects.toMatchObject({ code: 'nothing_to_publish' })
      expect(log.attempts()).toEqual([])
    })
  },
)

describe.skipIf(!MINIO_AVAILABLE)(`run retries (${MINIO_AVAILABLE ? 'MinIO' : MINIO_SKIP_REASON})`, () => {
  let minio: RunningMinio | undefined
  afterAll(() => minio?.stop())

  /**
   * A data folder that already has the buckets, so the server the run retries against is whole from its
   * first answer: buckets created after it comes up would race the retry into "bucket does not exist".
   */
  const lakeWithBuckets = async () => {
    const dir = tempDir('medallion-minio-lake-')
    const seeding = await startMinio(BUCKETS, { dir })
    await seeding.stop()
    return dir
  }

  const s3Core = (port: number) => {
    const dataDir = tempDir()
    return core(dataDir, {
      s3: {
        endpoint: `http://127.0.0.1:${port}`,
        accessKey: 'medallion-test',
        secretKey: 'test-secret-9f3c2a71e5',
        cacheDir: `${dataDir}/lake-cache`,
      },
    })
  }

  it('succeeds once MinIO comes back, recording only the run that committed', async () => {
    const port = await freePort()
    // Made before the run starts: the retry window is for MinIO coming back, not for seeding its folder.
    const lake = await lakeWithBuckets()
    const c = s3Core(port)
    const { task, done } = c.pipeline.start({
      from: 'bronze',
      inputDir: sources,
      trigger: 'watch',
      retry: COMEBACK_POLICY,
    })
    const log = taskLog(c, task.id)
    await log.firstFailure()
    minio = await startMinio([], { port, dir: lake })
    const record = await done
    expect(record).toMatchObject({ status: 'succeeded', trigger: 'watch' })
    expect(log.attempts()[0]).toMatch(/^pipeline run failed \(attempt 1 of 6\): cannot reach the S3 lake/)
    expect((await c.pipeline.runs()).map((run) => run.status)).toEqual(['succeeded'])
  })

  it('fails with every attempt logged when MinIO stays down', async () => {
    const c = s3Core(await freePort())
    const { task, done } = c.pipeline.start({ from: 'bronze', inputDir: sources, retry: POLICY })
    const log = taskLog(c, task.id)
    await expect(done).rejects.toMatchObject({ code: 'lake_unreachable' })
    expect(log.attempts().map((line) => /attempt (\d)/.exec(line)?.[1])).toEqual(['1', '2', '3', '4'])
  })

  it('fails a data error at once: a folder without the sources', async () => {
    minio ??= await startMinio(BUCKETS)
    const c = s3Core(Number(new URL(minio.endpoint).port))
    const { task, done } = c.pipeline.start({ from: 'bronze', inputDir: tempDir(), retry: POLICY })
    const log = taskLog(c, task.id)
    await expect(done).rejects.toMatchObject({ code: 'missing_source' })
    expect(log.attempts()).toEqual([])
  })
})

describe('a busy data lock', () => {
  it('is waited for by an unattended run, and refused at once to a manual one', async () => {
    const dataDir = tempDir()
    const c = core(dataDir)
    const lock = acquireDataLock(dataDir, 'a test holding the folder')
    await expect(c.pipeline.start({ from: 'bronze', inputDir: sources }).done).rejects.toMatchObject({
      code: 'data_locked',
    })
    const { task, done } = c.pipeline.start({ from: 'bronze', inputDir: sources, retry: POLICY })
    const log = taskLog(c, task.id)
    await log.firstFailure()
    lock.release()
    expect(await done).toMatchObject({ status: 'succeeded' })
    expect(log.attempts()[0]).toMatch(/^pipeline run failed \(attempt 1 of 4\): .*\.medallion\.lock/)
  })
})

describe.skipIf(!MLFLOW_AVAILABLE)(
  `MLflow retries (${MLFLOW_AVAILABLE ? 'real server' : MLFLOW_SKIP_REASON})`,
  () => {
    let mlflow: RunningMlflow | undefined
    afterAll(() => mlflow?.stop())

    it('an unattended training is tracked once MLflow comes back; a manual one is not held up', async () => {
      const port = await freePort()
      const c = core(tempDir(), { env: { MLFLOW_TRACKING_URI: `http://127.0.0.1:${port}` } })
      await c.pipeline.start({ from: 'bronze', inputDir: sources }).done
      const args = { model: 'advisor', horizonDays: 90, clusters: 3, seed: 42 } as const
      const manual = await new MlService(c).train(args).done
      expect(manual.mlflow).toBeUndefined()
      expect(manual.mlflowNote).toMatch(/MLflow does not answer/)
      // MLflow loads its whole stack before it listens: a window of a minute or more.
      const { task, done } = new MlService(c).train(args, {
        attempts: 30,
        baseDelayMs: 4_000,
        maxDelayMs: 4_000,
      })
      const log = taskLog(c, task.id)
      await log.firstFailure()
      mlflow = await startMlflow({ port })
      const record = await done
      expect(record.status).toBe('finished')
      expect(record.mlflow?.url).toContain(`http://127.0.0.1:${port}/`)
      expect(log.attempts()[0]).toMatch(
        /^opening the MLflow run failed \(attempt 1 of 30\): MLflow does not answer/,
      )
    }, 300_000)
  },
)
