/**
 * The Spark twin against the Polars pipeline, on a real standalone cluster (master + worker on loopback):
 * the same generated sources with dirty rows, plus rows that probe the parsers' edges, run through both
 * engines into one lake. Every gold table must be equal (same columns, types and rows in the same order;
 * floats to 1e-9 relative, so the same segments), the rejects equal reason by reason, bronze and silver
 * equal but for the run's own lineage, and Spark must read a silver layer Polars wrote.
 */
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import pl from 'nodejs-polars'
import { ACHAT_DIRTY_REASONS, CLIENT_DIRTY_REASONS } from '../pipelines/generate/dirty-rows.ts'
import { GOLD_TABLES } from '../pipelines/gold/index.ts'
import type { Layer, RunRecord } from '../src-preload/contract.ts'
import {
  engineTableProblems,
  SPARK_AVAILABLE,
  SPARK_SKIP_REASON,
  sparkClusterForFile,
} from './helpers/spark.ts'
import { tempDir, testCore } from './helpers/temp-data.ts'

const NBSP = '\u00a0'

/** Clients that probe trimming, quoting, number and date parsing; ids above the generated ones. */
const EDGE_CLIENTS = [
  `  9001 ,  Spaced Name  ,  MIXED.Case@Example.COM ,2024-05-06,  uk  `,
  `9002,"Quoted, Name",quoted@example.com,2024-05-06T00:00:00Z,netherland`,
  `9003,${NBSP}Nbsp Name${NBSP},nbsp@example.com,2024-05-06 ,${NBSP}france${NBSP}`,
  `9004.0,Whole Float Id,whole@example.com,2024-05-06,Spain`,
  `+9005,Plus Id,plus@example.com,2024-05-06 08:30,Italy`,
  `9006,"",empty@example.com,2024-05-06,Italy`,
  `9007,Leap Second,leap@example.com,2024-06-30 23:59:60,Canada`,
  `9008,Long Fraction,frac@example.com,2024-06-30 10:11:12.9999999,usa of america`,
  `12d,Java Double Suffix,javad@example.com,2024-05-06,Spain`,
  `0x10,Hex Id,hex@example.com,2024-05-06,Spain`,
  `nan,NaN Id,nan@example.com,2024-05-06,Spain`,
  `9009,Day First,dayfirst@example.com,06/05/2024,Spain`,
  '',
  `9010,Offset,offset@example.com,2024-05-06T10:00:00+02:00,Spain`,
]

/** Purchases of clients 1 and 2 (always generated) with edge amounts, dates and products. */
const EDGE_ACHATS = [
  `900001,1,2025-06-15T10:58:40.1234567Z,1e2,  phone  `,
  `900002,1,2025-06-15 10:58,  12.50 ,usb`,
  `900003,2,2025-06-15,+7.5,usb-c cable`,
  `900004,2,2025-06-15 10:58:60,.5,Webcam`,
  `900005,1,2025-06-15 10:00:00,12d,Mouse`,
  `900006,1,2025-06-15 10:00:00,inf,Mouse`,
  `900007,1,2025-06-15 10:00:00,-inf,Mouse`,
  `900008,1,2025-06-15 10:00:00,NaN,Mouse`,
  `900009,1,2025-06-15 10:00:00,5.,Mouse`,
  `900010.5,1,2025-06-15 10:00:00,5,Mouse`,
  `900011,2.0,2025-06-15 10:00:00,5,Mouse`,
  `900012,2,2025-06-15 25:00:00,5,Mouse`,
  `900001,2,2025-06-16 09:00:00,42,Keyboard`,
]

function readTable(dataDir: string, run: RunRecord, layer: Layer, table: string): pl.DataFrame {
  return pl.readParquet(join(dataDir, 'lake', run.layers[layer] as string, `${table}.parquet`))
}

describe.skipIf(!SPARK_AVAILABLE)(
  `the Spark twin on a standalone cluster${SPARK_AVAILABLE ? '' : ` (${SPARK_SKIP_REASON})`}`,
  () => {
    const dataDir = tempDir('medallion-spark-parity-')
    const core = testCore(dataDir)
    const cluster = sparkClusterForFile()
    let spark: RunRecord
    let polars: RunRecord
    let sparkLog: string[] = []

    beforeAll(async () => {
      const sources = await core.sources.generate({ clients: 150, seed: 11, dirtyShare: 0.08 }).done
      appendFileSync(sources.clientsPath, `${EDGE_CLIENTS.join('\n')}\n`)
      appendFileSync(join(sources.clientsPath, '..', 'achats.csv'), `${EDGE_ACHATS.join('\n')}\n`)
      // The dirty rows and edge cases reject more than the default 10 % of the clients: let both engines pass.
      const sparkRun = core.pipeline.start({ from: 'bronze', engine: 'spark', maxRejectShare: 0.5 })
      spark = await sparkRun.done
      sparkLog = sparkRun.task.info.logs
      polars = await core.pipeline.start({ from: 'bronze', maxRejectShare: 0.5 }).done
    }, 900_000)

    it('ran on the cluster and committed a run like any other', () => {
      expect(spark.status).toBe('succeeded')
      expect(Object.keys(spark.layers)).toEqual(['bronze', 'silver', 'gold'])
      expect(sparkLog.some((line) => line.includes(`on ${cluster().masterUrl}`))).toBe(true)
      expect(spark.steps.map((s) => `${s.layer}/${s.table}`)).toEqual(
        expect.arrayContaining([
          'bronze/clients',
          'silver/clean',
          'gold/fact_achats',
          'gold/cohort_retention',
        ]),
      )
      expect(Object.keys(spark.tables).sort()).toEqual(Object.keys(polars.tables).sort())
    })

    it.each([...GOLD_TABLES])('gold %s equals the Polars one', (table) => {
      expect(
        engineTableProblems(
          readTable(dataDir, spark, 'gold', table),
          readTable(dataDir, polars, 'gold', table),
        ),
      ).toEqual([])
    })

    it('gives every client the same segment and the run the same KPIs and reference date', () => {
      const segments = (run: RunRecord) =>
        readTable(dataDir, run, 'gold', 'client_scores').select('id_client', 'segment_label').toRecords()
      expect(segments(spark)).toEqual(segments(polars))
      expect(spark.referenceDate).toBe(polars.referenceDate)
      expect(spark.kpis?.segments).toEqual(polars.kpis?.segments)
      expect(spark.kpis?.total_achats).toBe(polars.kpis?.total_achats)
      expect(spark.kpis?.total_ca).toBeCloseTo(polars.kpis?.total_ca as number, 6)
    })

    it('rejects the same rows for the same reasons, with the same fields, values and records', () => {
      const sparkRejects = readTable(dataDir, spark, 'silver', 'rejects')
      const polarsRejects = readTable(dataDir, polars, 'silver', 'rejects')
      expect(engineTableProblems(sparkRejects, polarsRejects, ['batch_id'])).toEqual([])
      const byReason = (frame: pl.DataFrame) => frame.groupBy('reason').len().sort('reason').toRecords()
      expect(byReason(sparkRejects)).toEqual(byReason(polarsRejects))
      // Every kind of dirty row the generator makes was met.
      expect(new Set(polarsRejects.getColumn('reason').toArray())).toEqual(
        new Set([...CLIENT_DIRTY_REASONS, ...ACHAT_DIRTY_REASONS]),
      )
      expect(spark.quality).toEqual(polars.quality)
      // The blank line among the edge clients is skipped and counted alike.
      expect(spark.files).toEqual(polars.files)
      expect(spark.files?.clients?.blank).toBe(1)
      expect(spark.dialect).toEqual(polars.dialect)
    })

    it('lands and cleans the same rows (bronze and silver equal but for this run’s lineage)', () => {
      const lineage = ['_ingested_at', '_batch_id']
      for (const layer of ['bronze', 'silver'] as const) {
        for (const table of ['clients', 'achats']) {
          const [ours, theirs] = [spark, polars].map((run) => readTable(dataDir, run, layer, table))
          expect(
            engineTableProblems(ours as pl.DataFrame, theirs as pl.DataFrame, lineage),
            `${layer}/${table}`,
          ).toEqual([])
        }
      }
    })

    it('writes timestamps as TIMESTAMP_MICROS that Polars reads as naive microseconds, never INT96', () => {
      const fact = readTable(dataDir, spark, 'gold', 'fact_achats')
      expect(String(fact.getColumn('date_achat').dtype)).toBe(String(pl.Datetime('us')))
      const edge = readTable(dataDir, spark, 'silver', 'achats').filter(pl.col('id_achat').eq(900001))
      // Of a duplicated purchase id, the last row in the file is kept.
      expect(edge.getColumn('montant').toArray()).toEqual([42])
    })

    it('builds gold from a silver layer Polars wrote, equal to Polars’ own gold', async () => {
      const fromGold = await core.pipeline.start({ from: 'gold', engine: 'spark' }).done
      expect(fromGold.layers.silver).toBe(polars.layers.silver)
      for (const table of GOLD_TABLES) {
        expect(
          engineTableProblems(
            readTable(dataDir, fromGold, 'gold', table),
            readTable(dataDir, polars, 'gold', table),
          ),
          table,
        ).toEqual([])
      }
    }, 600_000)
  },
)
