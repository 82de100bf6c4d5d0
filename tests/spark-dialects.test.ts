/**
 * Files as people save them (issue 12) on the Spark twin, against the Polars pipeline on the same bytes
 * (tests/helpers/dialect-files.ts), on a real standalone cluster: the default dialect, a French
 * spreadsheet's CSV (";", Windows-1252, CRLF, decimal comma, day-first dates), UTF-8 with a byte order mark
 * and tabs (header names written otherwise, blank lines, a quoted line break), UTF-16 with "|", and an
 * unquoted decimal comma in a comma-separated file. Each must give the same gold table by table, the same
 * rejects, and the same `dialect`, `files` and quality counters in the run record. The gates fail on Spark
 * with the Polars message, the previous gold staying current; the ambiguous-dates and duplicate-header
 * errors are the same.
 */
import { join } from 'node:path'
import iconv from 'iconv-lite'
import pl from 'nodejs-polars'
import { GOLD_TABLES } from '../pipelines/gold/index.ts'
import type { RunRecord } from '../src-preload/contract.ts'
import { ACHATS, CLIENTS, frenchExcel, text } from './helpers/dialect-files.ts'
import {
  engineTableProblems,
  SPARK_AVAILABLE,
  SPARK_SKIP_REASON,
  sparkClusterForFile,
} from './helpers/spark.ts'
import { tempDir, testCore, writeSources } from './helpers/temp-data.ts'

type Sources = { clients: string | Uint8Array; achats: string | Uint8Array }

const RUN_TIMEOUT = 600_000

describe.skipIf(!SPARK_AVAILABLE)(
  `files in their dialects on the Spark twin${SPARK_AVAILABLE ? '' : ` (${SPARK_SKIP_REASON})`}`,
  () => {
    const dataDir = tempDir('medallion-spark-dialects-')
    const core = testCore(dataDir)
    sparkClusterForFile()

    const table = (run: RunRecord, layer: 'silver' | 'gold', name: string) =>
      pl.readParquet(join(dataDir, 'lake', run.layers[layer] as string, `${name}.parquet`))

    /** The same files through Spark, then Polars (one run at a time: a data folder has one writer). */
    async function bothEngines(name: string, files: Sources, extra = {}) {
      const inputDir = writeSources(join(dataDir, name), files)
      const spark = await core.pipeline.start({ from: 'bronze', inputDir, engine: 'spark', ...extra }).done
      const polars = await core.pipeline.start({ from: 'bronze', inputDir, ...extra }).done
      return { spark, polars }
    }

    function expectSameRuns({ spark, polars }: { spark: RunRecord; polars: RunRecord }) {
      expect(spark.status).toBe('succeeded')
      for (const name of GOLD_TABLES) {
        expect(engineTableProblems(table(spark, 'gold', name), table(polars, 'gold', name)), name).toEqual([])
      }
      expect(
        engineTableProblems(table(spark, 'silver', 'rejects'), table(polars, 'silver', 'rejects'), [
          'batch_id',
        ]),
        'rejects',
      ).toEqual([])
      expect(spark.dialect).toEqual(polars.dialect)
      expect(spark.files).toEqual(polars.files)
      expect(spark.quality).toEqual(polars.quality)
    }

    /** The error each engine gives for the same files; the run id in a message is the run's own. */
    async function bothFail(name: string, files: Sources, extra = {}) {
      const before = await core.lake.currentRun()
      const inputDir = writeSources(join(dataDir, name), files)
      const sparkError = await core.pipeline
        .start({ from: 'bronze', inputDir, engine: 'spark', ...extra })
        .done.catch((e) => e)
      expect((await core.lake.currentRun())?.runId).toBe(before?.runId)
      const polarsError = await core.pipeline
        .start({ from: 'bronze', inputDir, ...extra })
        .done.catch((e) => e)
      const withoutRun = (error: Error) => String(error.message).replace(/silver\/[^/\s]+\//, 'silver/<run>/')
      expect(sparkError).toBeInstanceOf(Error)
      expect(sparkError.code).toBe(polarsError.code)
      expect(withoutRun(sparkError)).toBe(withoutRun(polarsError))
      expect((await core.lake.currentRun())?.runId).toBe(before?.runId)
      return sparkError as Error & { code: string }
    }

    it(
      'reads the default dialect as Polars does, and records it the same way',
      async () => {
        const runs = await bothEngines('default', { clients: text(CLIENTS), achats: text(ACHATS) })
        expectSameRuns(runs)
        expect(runs.spark.dialect?.achats).toEqual({
          format: 'csv',
          delimiter: ',',
          encoding: 'utf-8',
          bom: false,
          decimal: '.',
          dateFormat: '%Y-%m-%d',
          detected: ['encoding', 'delimiter', 'decimal', 'dateFormat'],
        })
      },
      RUN_TIMEOUT,
    )

    it(
      "reads a French spreadsheet's CSV to Polars' gold, and builds gold from silver in its formats",
      async () => {
        const runs = await bothEngines('fr-excel', {
          clients: frenchExcel(CLIENTS, 'date_inscription'),
          achats: frenchExcel(ACHATS, 'date_achat', 'montant'),
        })
        expectSameRuns(runs)
        expect(runs.spark.dialect?.achats).toMatchObject({
          delimiter: ';',
          encoding: 'windows-1252',
          decimal: ',',
          dateFormat: '%d/%m/%Y',
        })
        // A run from silver parses the bronze Polars read in the French dialect the way it was read.
        const fromSilver = await core.pipeline.start({ from: 'silver', engine: 'spark' }).done
        expect(fromSilver.layers.bronze).toBe(runs.polars.layers.bronze)
        expect(fromSilver.dialect).toEqual(runs.polars.dialect)
        expect(fromSilver.files).toBeUndefined()
        for (const name of GOLD_TABLES) {
          expect(
            engineTableProblems(table(fromSilver, 'gold', name), table(runs.polars, 'gold', name)),
            name,
          ).toEqual([])
        }
      },
      RUN_TIMEOUT,
    )

    it(
      'reads UTF-8 with a byte order mark and tabs, other header names, blank lines and a quoted line break',
      async () => {
        const header = ['ID Client', 'Nom', 'E-mail', 'Date Inscription', 'PAYS']
        const [, ...rows] = CLIENTS
        const withBreak = rows.map((r) => (r[0] === '3' ? [r[0], '"Ana\nNúñez"', ...r.slice(2)] : r))
        const clients = `\uFEFF${text([header, ...withBreak.slice(0, 2)], '\t')}\t\t\t\t\n\n${text(withBreak.slice(2), '\t')}`
        const runs = await bothEngines('utf8-bom-tab', { clients, achats: `\uFEFF${text(ACHATS, '\t')}` })
        expectSameRuns(runs)
        expect(runs.spark.files?.clients).toEqual({ read: 6, kept: 4, rejected: 0, blank: 2 })
        // Line numbers are the file's: the blank lines and the quoted break move the later clients down.
        const lines = (run: RunRecord) => table(run, 'silver', 'clients').select('id_client', '_row_number')
        expect(lines(runs.spark).toRecords()).toEqual([
          { id_client: 1, _row_number: 2 },
          { id_client: 2, _row_number: 3 },
          { id_client: 3, _row_number: 6 },
          { id_client: 4, _row_number: 8 },
        ])
        expect(table(runs.spark, 'silver', 'clients').getColumn('nom').toArray()).toContain('Ana\nNúñez')
      },
      RUN_TIMEOUT,
    )

    it(
      'reads UTF-16 with its byte order mark and "|" to the same gold',
      async () => {
        const utf16 = (rows: string[][]) => iconv.encode(text(rows, '|'), 'utf16-le', { addBOM: true })
        const runs = await bothEngines('utf16-pipe', { clients: utf16(CLIENTS), achats: utf16(ACHATS) })
        expectSameRuns(runs)
        expect(runs.spark.dialect?.clients).toMatchObject({ delimiter: '|', encoding: 'utf-16', bom: true })
      },
      RUN_TIMEOUT,
    )

    it(
      'rejects a line with an unquoted decimal comma as wrong_field_count, with its raw text and line',
      async () => {
        const achats = `${text(ACHATS)}7,3,2025-05-20 10:00:00,56,22,Souris\n8,4,2025-05-21 11:00:00,19.99,Tapis\n`
        const runs = await bothEngines(
          'decimal-comma',
          { clients: text(CLIENTS), achats },
          { maxRejectShare: 0.5 },
        )
        expectSameRuns(runs)
        const wrong = table(runs.spark, 'silver', 'rejects').filter(
          pl.col('reason').eq(pl.lit('wrong_field_count')),
        )
        expect(wrong.select('source', 'row_number', 'field', 'value', 'record').toRecords()).toEqual([
          {
            source: 'achats.csv',
            row_number: 8,
            field: null,
            value: '7,3,2025-05-20 10:00:00,56,22,Souris',
            record: JSON.stringify({ line: '7,3,2025-05-20 10:00:00,56,22,Souris' }),
          },
        ])
        expect(runs.spark.files?.achats).toEqual({ read: 8, kept: 7, rejected: 1, blank: 0 })
        expect(runs.spark.quality.achats).toMatchObject({ initial_rows: 8, dropped_wrong_field_count: 1 })
      },
      RUN_TIMEOUT,
    )

    describe('gates and errors', () => {
      it(
        'fails a run whose clients are all rejected with the Polars message, keeping the previous gold',
        async () => {
          const noEmail = CLIENTS.map((r, i) =>
            i === 0 ? r : ([r[0], r[1], 'nobody', r[3], r[4]] as string[]),
          )
          const error = await bothFail('no-client', { clients: text(noEmail), achats: text(ACHATS) })
          expect(error.message).toMatch(
            /^clients\.csv: no client survived silver: all 4 rows were rejected; the previous gold stays current\. main reasons: invalid_email ×4 \(line 2: email "nobody"\)/,
          )
        },
        RUN_TIMEOUT,
      )

      it(
        'fails a run past the reject share with the Polars message, naming where the rejects are',
        async () => {
          const achats = ACHATS.map((r, i) =>
            i === 0 || i > 2 ? r : [...r.slice(0, 2), 'le 1er mars', ...r.slice(3)],
          )
          const error = await bothFail('too-many', { clients: text(CLIENTS), achats: text(achats) })
          expect(error.message).toMatch(
            /^achats\.csv: 2 of 6 rows were rejected \(33 %, more than the 10 % --max-reject-share allows\); the previous gold stays current\. main reasons: invalid_date ×2 \(line 2: date_achat "le 1er mars"\)\. every rejected row is in silver\/\S+\/rejects\.parquet$/,
          )
        },
        RUN_TIMEOUT,
      )

      it(
        'asks for the date format when the dates read as well day first as month first, as Polars does',
        async () => {
          const ambiguous = CLIENTS.map((r, i) =>
            i === 0 ? r : [...r.slice(0, 3), '03/04/2025', r[4] as string],
          )
          const error = await bothFail('ambiguous', { clients: text(ambiguous), achats: text(ACHATS) })
          expect(error.code).toBe('ambiguous_dates')
          expect(error.message).toMatch(/--date-format %d\/%m\/%Y or --date-format %m\/%d\/%Y$/)
        },
        RUN_TIMEOUT,
      )

      it(
        'names the columns found escaped and cut with the Polars message: a header may be any file’s first line',
        async () => {
          const long = `${'secret-'.repeat(10)}tail-never-shown`
          const names = [
            'id_client',
            'nom "dit" x',
            long,
            'Prénom\\x',
            'esc\u001bape',
            'c6',
            'c7',
            'c8',
            'c9',
            'c10',
          ]
          const clients = text([names, ...CLIENTS.slice(1).map(() => names.map((_, i) => String(i)))])
          const error = await bothFail('escaped-header', { clients, achats: text(ACHATS) })
          expect(error.code).toBe('missing_column')
          expect(error.message).toBe(
            `clients.csv: missing required column(s) nom, email, date_inscription, pays; found "id_client", "nom \\"dit\\" x", "${long.slice(0, 40)}…", "Prénom\\\\x", "esc\\u001bape", "c6", "c7", "c8" … and 2 more`,
          )
        },
        RUN_TIMEOUT,
      )

      it(
        'refuses a header with two names for one column with the Polars message',
        async () => {
          const clients = text([
            ['id_client', 'nom', 'email', 'date_inscription', 'pays', 'Pays '],
            ...CLIENTS.slice(1).map((r) => [...r, 'x']),
          ])
          const error = await bothFail('duplicate-header', { clients, achats: text(ACHATS) })
          expect(error.message).toBe(
            'clients.csv: the columns "pays" and "Pays " have the same name once case, spaces and accents are ignored: rename or remove one',
          )
          const twice = text([
            [...(CLIENTS[0] as string[]), 'nom'],
            ...CLIENTS.slice(1).map((r) => [...r, 'x']),
          ])
          const repeated = await bothFail('repeated-header', { clients: twice, achats: text(ACHATS) })
          expect(repeated.message).toBe(
            'clients.csv: the columns "nom" and "nom" have the same name once case, spaces and accents are ignored: rename or remove one',
          )
        },
        RUN_TIMEOUT,
      )
    })
  },
)
