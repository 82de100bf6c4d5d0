import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import pl from 'nodejs-polars'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GOLD_TABLES } from '../pipelines/gold/index.ts'
import { errorMessage, MedallionError } from '../src-main/core/errors.ts'
import { type Lake, layerFolder, newRunId } from '../src-main/core/lake/lake.ts'
import { LocalLake } from '../src-main/core/lake/local-lake.ts'
import { redactSecretKey, type S3LakeConfig, s3ConfigFromEnv } from '../src-main/core/lake/s3-config.ts'
import { S3Lake } from '../src-main/core/lake/s3-lake.ts'
import { PipelineService } from '../src-main/core/pipeline.ts'
import { SourcesService } from '../src-main/core/sources.ts'
import { TaskRegistry } from '../src-main/core/tasks.ts'
import { LAYERS, type Layer, type RunRecord } from '../src-preload/contract.ts'
import { freePort } from './helpers/ferretdb.ts'
import { MINIO_AVAILABLE, MINIO_SKIP_REASON, type RunningMinio, startMinio } from './helpers/minio.ts'
import { SOURCE_PATHS, WORKER_ENTRY } from './helpers/temp-data.ts'

const PRUNE_BUCKETS = { bronze: 'p-bronze', silver: 'p-silver', gold: 'p-gold' }

describe.skipIf(!MINIO_AVAILABLE)(
  `S3Lake on a real MinIO (${MINIO_AVAILABLE ? 'found' : MINIO_SKIP_REASON})`,
  () => {
    // Made in beforeAll (not with tempDir()): a skipped suite must leave nothing behind.
    let root: string
    let sourcesDir: string
    const tasks = new TaskRegistry()
    let minio: RunningMinio
    let lake: S3Lake
    let s3Run: RunRecord
    let localRun: RunRecord
    let localLake: LocalLake
    /** Every error message the lake gave, checked at the end for the secret key. */
    const messages: string[] = []

    const lakeOn = (cache: string, overrides: Partial<S3LakeConfig> = {}) =>
      new S3Lake({
        endpoint: minio.endpoint,
        accessKey: minio.accessKey,
        secretKey: minio.secretKey,
        cacheDir: join(root, cache),
        ...overrides,
      })
    const pipelineOn = (on: Lake, dataDir: string) =>
      new PipelineService({
        dataDir,
        lake: on,
        tasks,
        workerEntry: WORKER_ENTRY,
        sparkJob: { dir: SOURCE_PATHS.sparkJobDir, packaged: false },
      })
    const keys = async (bucket: string, prefix = '') =>
      ((await minio.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? [])
        .map((o) => o.Key)
        .sort()
    /** The lake's error for a call that must fail, recorded for the secret check. */
    const failure = async (call: Promise<unknown>): Promise<MedallionError> => {
      const err = await call.then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(MedallionError)
      messages.push(errorMessage(err))
      return err as MedallionError
    }

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'medallion-s3-'))
      sourcesDir = join(root, 'sources')
      minio = await startMinio(['bronze', 'silver', 'gold', ...Object.values(PRUNE_BUCKETS)])
      // The original's sizes, with dirty rows so silver writes rejects too.
      await new SourcesService({ dataDir: root, tasks }).generate({
        seed: 42,
        dirtyShare: 0.05,
        outDir: sourcesDir,
      }).done
      lake = lakeOn('s3-cache')
      s3Run = await pipelineOn(lake, join(root, 's3-data')).start({ from: 'bronze', inputDir: sourcesDir })
        .done
      localLake = new LocalLake(join(root, 'local-data', 'lake'))
      localRun = await pipelineOn(localLake, join(root, 'local-data')).start({
        from: 'bronze',
        inputDir: sourcesDir,
      }).done
    }, 180_000)
    afterAll(async () => {
      await minio?.stop()
      if (root) rmSync(root, { recursive: true, force: true })
    })

    it('commits a full pipeline run: each layer in its bucket, the record in gold, gold equal to the local lake', async () => {
      const id = s3Run.runId
      expect(s3Run.status).toBe('succeeded')
      expect(s3Run.layers).toEqual({ bronze: `bronze/${id}`, silver: `silver/${id}`, gold: `gold/${id}` })
      expect(await keys('bronze')).toEqual([`${id}/achats.parquet`, `${id}/clients.parquet`])
      expect(await keys('silver')).toEqual([
        `${id}/achats.parquet`,
        `${id}/clients.parquet`,
        `${id}/rejects.parquet`,
      ])
      expect(await keys('gold', `${id}/`)).toEqual(GOLD_TABLES.map((t) => `${id}/${t}.parquet`).sort())
      const stored = await minio.client.send(
        new GetObjectCommand({ Bucket: 'gold', Key: `_runs/${id}.json` }),
      )
      expect(JSON.parse((await stored.Body?.transformToString()) ?? '')).toEqual(s3Run)
      expect(s3Run.tables).toEqual(localRun.tables)
      expect(s3Run.kpis).toEqual(localRun.kpis)

      // A reader with an empty cache downloads the committed gold from the bucket.
      const reader = lakeOn('reader-cache')
      expect((await reader.currentRun())?.runId).toBe(id)
      const goldDir = await reader.localLayerDir(s3Run.layers.gold as string)
      expect(goldDir).toBe(join(root, 'reader-cache', 'gold', id))
      expect(await reader.localLayerDir(s3Run.layers.gold as string)).toBe(goldDir)
      expect(readdirSync(join(root, 'reader-cache')).filter((n) => n.startsWith('.'))).toEqual([])
      const localGold = join(localLake.root, localRun.layers.gold as string)
      for (const table of GOLD_TABLES) {
        const fromS3 = pl.readParquet(join(goldDir, `${table}.parquet`))
        const fromLocal = pl.readParquet(join(localGold, `${table}.parquet`))
        expect(fromS3.height, table).toBe(s3Run.tables[`gold/${table}`])
        // Gold is deterministic (pipelines/gold/index.test.ts), so the two runs' tables are equal exactly.
        expect(fromS3.frameEqual(fromLocal, true), table).toBe(true)
      }
    })

    it('runs from gold on a fresh machine, reusing the silver it downloads from the bucket', async () => {
      const fromGold = await pipelineOn(lakeOn('second-cache'), join(root, 's3-data-2')).start({
        from: 'gold',
      }).done
      expect(fromGold.layers.silver).toBe(s3Run.layers.silver)
      expect(fromGold.layers.gold).toBe(`gold/${fromGold.runId}`)
      expect(fromGold.kpis).toEqual(s3Run.kpis)
      expect(existsSync(join(root, 'second-cache', s3Run.layers.silver as string, 'achats.parquet'))).toBe(
        true,
      )
    }, 60_000)

    it('an interrupted run (layers uploaded, no record) leaves the previous gold current and readable', async () => {
      const current = (await lake.currentRun()) as RunRecord
      const interrupted = newRunId()
      for (const layer of LAYERS) {
        writeFileSync(join(await lake.stageLayer(interrupted, layer), 'half.parquet'), 'not a table')
      }
      await lake.persistStaged(interrupted, LAYERS)
      expect(await keys('gold', `${interrupted}/`)).toEqual([`${interrupted}/half.parquet`])

      const reader = lakeOn('interrupted-reader-cache')
      expect((await reader.currentRun())?.runId).toBe(current.runId)
      const goldDir = await reader.localLayerDir(current.layers.gold as string)
      expect(pl.readParquet(join(goldDir, 'fact_achats.parquet')).height).toBe(
        current.tables['gold/fact_achats'],
      )

      // Prune keeps the current run, and the folders of a run that may still be writing (no record yet).
      const pruned = await lake.prune(10)
      expect(pruned.removedFolders).toEqual([])
      expect(await keys('gold', `${current.runId}/`)).toHaveLength(GOLD_TABLES.length)
      expect(await keys('gold', `${interrupted}/`)).toHaveLength(1)

      // What the pipeline does when a run fails after uploading: nothing of it is left, here or in the cache.
      await lake.discardStaged(interrupted, LAYERS)
      for (const layer of LAYERS) expect(await keys(layer, `${interrupted}/`)).toEqual([])
      expect(existsSync(join(root, 's3-cache', 'gold', interrupted))).toBe(false)
      const gone = await failure(reader.localLayerDir(layerFolder('gold', interrupted)))
      expect(gone.code).toBe('lake_folder_missing')
      expect(gone.message).toContain(`no objects under s3://gold/${interrupted}/`)
      expect((await lake.currentRun())?.runId).toBe(current.runId)
    })

    it('prune keeps the newest N records, never the current run, and only the folders kept runs use', async () => {
      const pruneLake = lakeOn('prune-cache', { buckets: PRUNE_BUCKETS })
      const start = Date.UTC(2030, 0, 1)
      const ids = ['s1', 'orphan', 's2', 'f3', 'f4', 'writing'].map((_, i) =>
        newRunId(new Date(start + i * 1000)),
      )
      const [s1, orphan, s2, f3, f4, writing] = ids as [string, string, string, string, string, string]
      const upload = async (runId: string, layers: readonly Layer[]) => {
        for (const layer of layers)
          writeFileSync(join(await pruneLake.stageLayer(runId, layer), 't.parquet'), runId)
        await pruneLake.persistStaged(runId, layers)
      }
      const record = (
        runId: string,
        status: RunRecord['status'],
        layers: RunRecord['layers'],
      ): RunRecord => ({
        runId,
        status,
        trigger: 'manual',
        startedAt: new Date(start).toISOString(),
        finishedAt: new Date(start).toISOString(),
        from: 'bronze',
        layers,
        tables: {},
        steps: [],
        quality: {},
        bytes: 0,
      })
      const all = (runId: string) => ({
        bronze: layerFolder('bronze', runId),
        silver: layerFolder('silver', runId),
        gold: layerFolder('gold', runId),
      })
      await upload(s1, LAYERS)
      await pruneLake.writeRunRecord(record(s1, 'succeeded', all(s1)))
      await upload(orphan, LAYERS) // a killed run: uploaded, never recorded
      await upload(s2, ['silver', 'gold'])
      await pruneLake.writeRunRecord(
        record(s2, 'succeeded', { ...all(s2), bronze: layerFolder('bronze', s1) }),
      )
      await pruneLake.writeRunRecord(record(f3, 'failed', {}))
      await pruneLake.writeRunRecord(record(f4, 'failed', {}))
      await upload(writing, ['bronze']) // a run still in progress

      const pruned = await pruneLake.prune(2)
      expect(pruned.removedRuns).toEqual([s1])
      expect(pruned.removedFolders.sort()).toEqual(
        [`silver/${s1}`, `gold/${s1}`, ...LAYERS.map((l) => layerFolder(l, orphan))].sort(),
      )
      expect((await pruneLake.listRuns()).map((r) => r.runId)).toEqual([f4, f3, s2])
      expect(await keys('p-bronze')).toEqual([`${s1}/t.parquet`, `${writing}/t.parquet`])
      expect(await keys('p-silver')).toEqual([`${s2}/t.parquet`])
      expect(await keys('p-gold')).toEqual(
        [`_runs/${f3}.json`, `_runs/${f4}.json`, `_runs/${s2}.json`, `${s2}/t.parquet`].sort(),
      )
      // The local cache follows the lake.
      expect(readdirSync(join(root, 'prune-cache', 'gold'))).toEqual([s2])

      // Keeping none still keeps the current run.
      expect((await pruneLake.prune(0)).removedRuns).toEqual([f4, f3])
      expect((await pruneLake.currentRun())?.runId).toBe(s2)
      expect(await keys('p-bronze')).toEqual([`${s1}/t.parquet`, `${writing}/t.parquet`])
    })

    it('says "access denied for key …" for a wrong secret or an unknown key, naming the bucket', async () => {
      const wrongSecret = lakeOn('denied-cache', { secretKey: 'wrong-secret-4242' })
      const denied = await failure(wrongSecret.currentRun())
      expect(denied.code).toBe('lake_access_denied')
      expect(denied.message).toMatch(
        /^access denied for key medallion-test on s3:\/\/gold\/_runs\/ at http:\/\/127\.0\.0\.1:\d+/,
      )
      const staging = await failure(wrongSecret.stageLayer(newRunId(), 'bronze'))
      expect(staging.code).toBe('lake_access_denied')
      expect(staging.message).toMatch(/access denied for key medallion-test on bucket bronze/)
      const unknown = await failure(lakeOn('denied-cache', { accessKey: 'nobody' }).listRuns())
      expect(unknown.message).toMatch(
        /^access denied for key nobody .*check MINIO_ACCESS_KEY and MINIO_SECRET_KEY/,
      )
    })

    it('names a missing bucket and what creates it, before a run computes anything', async () => {
      const buckets = { bronze: 'bronze', silver: 'silver', gold: 'no-such-gold' }
      const missing = lakeOn('missing-cache', { buckets })
      const listing = await failure(missing.listRuns())
      expect(listing.code).toBe('lake_bucket_missing')
      expect(listing.message).toMatch(
        /^bucket no-such-gold does not exist at .*`minio-init` or `medallion up`/,
      )
      const started = Date.now()
      const run = await failure(
        pipelineOn(missing, join(root, 'missing-data')).start({ from: 'bronze', inputDir: sourcesDir }).done,
      )
      expect(run.code).toBe('lake_bucket_missing')
      expect(Date.now() - started).toBeLessThan(5_000)
    })

    it('says the endpoint cannot be reached when nothing listens there', async () => {
      const nowhere = lakeOn('nowhere-cache', { endpoint: `http://127.0.0.1:${await freePort()}` })
      const err = await failure(nowhere.currentRun())
      expect(err.code).toBe('lake_unreachable')
      expect(err.message).toMatch(/^cannot reach the S3 lake at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/)
    })

    it('never puts a secret key in a message', () => {
      expect(messages.length).toBeGreaterThanOrEqual(7)
      for (const message of [...messages, lake.location]) {
        for (const secret of [minio.secretKey, 'wrong-secret-4242']) expect(message).not.toContain(secret)
      }
    })
  },
)

describe('S3 lake configuration from the environment', () => {
  it('is absent without MINIO_ENDPOINT, and takes the original names and the server root names', () => {
    expect(s3ConfigFromEnv({ MINIO_ACCESS_KEY: 'a' }, '/cache')).toBeUndefined()
    expect(
      s3ConfigFromEnv(
        { MINIO_ENDPOINT: 'localhost:9000', MINIO_ROOT_USER: 'u', MINIO_ROOT_PASSWORD: 'p' },
        '/c',
      ),
    ).toEqual({
      endpoint: 'http://localhost:9000',
      accessKey: 'u',
      secretKey: 'p',
      region: 'us-east-1',
      cacheDir: '/c',
    })
    const secure = s3ConfigFromEnv(
      { MINIO_ENDPOINT: 's3.example.org', MINIO_SECURE: 'TRUE', MINIO_ACCESS_KEY: 'a', MINIO_ROOT_USER: 'u' },
      '/c',
    )
    expect(secure).toMatchObject({
      endpoint: 'https://s3.example.org',
      accessKey: 'a',
      secretKey: 'minioadmin',
    })
  })

  it('refuses an endpoint carrying credentials without quoting them, and masks the secret key', () => {
    let message = ''
    try {
      s3ConfigFromEnv({ MINIO_ENDPOINT: 'http://admin:hunter2-secret@minio:9000' }, '/c')
    } catch (err) {
      message = errorMessage(err)
    }
    expect(message).toMatch(/must not carry credentials/)
    expect(message).not.toContain('hunter2-secret')
    expect(redactSecretKey('key a/b+c and a%2Fb%2Bc', 'a/b+c')).toBe('key **** and ****')
  })
})
