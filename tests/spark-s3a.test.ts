/**
 * The Spark twin on the MinIO lake: a real MinIO and a real standalone cluster, the job reading and
 * writing the buckets through S3A (jars from scripts/fetch-spark-jars.sh, nothing downloaded at run time).
 * The Spark run's gold must equal the Polars run's on the same sources, its bucket folders must hold the
 * tables only, and a later reader must get them (no empty local staging left to pass for a copy).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ListObjectsV2Command } from '@aws-sdk/client-s3'
import pl from 'nodejs-polars'
import { GOLD_TABLES } from '../pipelines/gold/index.ts'
import { createCore } from '../src-main/core/app-core.ts'
import { S3A_JARS, s3aJarsDir } from '../src-main/core/spark/s3a-jars.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import { ACHATS, CLIENTS, frenchExcel } from './helpers/dialect-files.ts'
import { MINIO_AVAILABLE, MINIO_SKIP_REASON, type RunningMinio, startMinio } from './helpers/minio.ts'
import {
  engineTableProblems,
  SPARK_AVAILABLE,
  SPARK_SKIP_REASON,
  sparkClusterForFile,
} from './helpers/spark.ts'
import { SOURCE_PATHS, tempDir, writeSources } from './helpers/temp-data.ts'

const JARS_AVAILABLE = S3A_JARS.every((jar) => existsSync(join(s3aJarsDir(process.env), jar)))
const SKIP_REASON = !SPARK_AVAILABLE
  ? SPARK_SKIP_REASON
  : !MINIO_AVAILABLE
    ? MINIO_SKIP_REASON
    : !JARS_AVAILABLE
      ? `no S3A jars in ${s3aJarsDir(process.env)} (run scripts/fetch-spark-jars.sh)`
      : ''

describe.skipIf(SKIP_REASON !== '')(
  `the Spark twin on MinIO through S3A${SKIP_REASON ? ` (${SKIP_REASON})` : ''}`,
  () => {
    const dataDir = tempDir('medallion-spark-s3a-')
    let minio: RunningMinio
    sparkClusterForFile()
    let core: ReturnType<typeof createCore>
    let spark: RunRecord
    let polars: RunRecord
    const lakeVariables = ['MINIO_ENDPOINT', 'MINIO_ACCESS_KEY', 'MINIO_SECRET_KEY']

    async function goldTable(run: RunRecord, table: string): Promise<pl.DataFrame> {
      return pl.readParquet(
        join(await core.lake.localLayerDir(run.layers.gold as string), `${table}.parquet`),
      )
    }

    beforeAll(async () => {
      minio = await startMinio(['sources', 'bronze', 'silver', 'gold'])
      // The Spark runner finds the lake's credentials the way the core does at start: from the environment.
      Object.assign(process.env, {
        MINIO_ENDPOINT: minio.endpoint,
        MINIO_ACCESS_KEY: minio.accessKey,
        MINIO_SECRET_KEY: minio.secretKey,
      })
      core = createCore({
        dataDir,
        paths: SOURCE_PATHS,
        s3: {
          endpoint: minio.endpoint,
          accessKey: minio.accessKey,
          secretKey: minio.secretKey,
          cacheDir: join(dataDir, 'lake-cache'),
        },
      })
      await core.sources.generate({ clients: 80, seed: 23, dirtyShare: 0.05 }).done
      const sparkRun = core.pipeline.start({ from: 'bronze', engine: 'spark' })
      spark = await sparkRun.done
      polars = await core.pipeline.start({ from: 'bronze' }).done
    }, 900_000)

    afterAll(async () => {
      for (const name of lakeVariables) delete process.env[name]
      await core?.close()
      await minio?.stop()
    })

    it('writes each layer into its bucket as the table files alone', async () => {
      expect(spark.status).toBe('succeeded')
      const keys = async (bucket: string) =>
        (
          (await minio.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${spark.runId}/` })))
            .Contents ?? []
        )
          .map((o) => (o.Key as string).slice(spark.runId.length + 1))
          .sort()
      expect(await keys('bronze')).toEqual(['achats.parquet', 'clients.parquet'])
      expect(await keys('silver')).toEqual(['achats.parquet', 'clients.parquet', 'rejects.parquet'])
      expect(await keys('gold')).toEqual(GOLD_TABLES.map((t) => `${t}.parquet`).sort())
    })

    it.each([...GOLD_TABLES])('gold %s read back from MinIO equals the Polars one', async (table) => {
      expect(engineTableProblems(await goldTable(spark, table), await goldTable(polars, table))).toEqual([])
    })

    it('keeps the quality counters and KPIs of the Polars run', () => {
      expect(spark.quality).toEqual(polars.quality)
      expect(spark.kpis?.segments).toEqual(polars.kpis?.segments)
      expect(spark.referenceDate).toBe(polars.referenceDate)
    })

    it('reads Windows-1252 files through a UTF-8 copy in the bronze bucket, and leaves only the tables', async () => {
      const inputDir = writeSources(join(dataDir, 'fr-excel'), {
        clients: frenchExcel(CLIENTS, 'date_inscription'),
        achats: frenchExcel(ACHATS, 'date_achat', 'montant'),
      })
      const french = await core.pipeline.start({ from: 'bronze', inputDir, engine: 'spark' }).done
      expect(french.dialect?.achats).toMatchObject({ delimiter: ';', encoding: 'windows-1252', decimal: ',' })
      const listed = await minio.client.send(
        new ListObjectsV2Command({ Bucket: 'bronze', Prefix: `${french.runId}/` }),
      )
      expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual([
        `${french.runId}/achats.parquet`,
        `${french.runId}/clients.parquet`,
      ])
      const reference = await core.pipeline.start({ from: 'bronze', inputDir }).done
      expect(french.files).toEqual(reference.files)
      for (const table of GOLD_TABLES) {
        expect(
          engineTableProblems(await goldTable(french, table), await goldTable(reference, table)),
          table,
        ).toEqual([])
      }
    }, 600_000)
  },
)
