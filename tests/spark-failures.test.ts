/**
 * Spark runs that cannot start, fail on the cluster, or are cancelled: each says why (in the task, the run
 * record and the CLI), and none disturbs the committed gold.
 */
import { createHash } from 'node:crypto'
import { closeSync, copyFileSync, existsSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { RunRecord } from '../src-preload/contract.ts'
import { runCli } from './helpers/cli.ts'
import { SPARK_AVAILABLE, SPARK_SKIP_REASON, sparkClusterForFile } from './helpers/spark.ts'
import { tempDir, testCore, writeSources } from './helpers/temp-data.ts'

/** The content of every file of a folder: proof that nothing touched it. */
function digest(dir: string): string {
  const hash = createHash('sha256')
  for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(join(dir, name)))
  return hash.digest('hex')
}

describe('a Spark run with nowhere to run', () => {
  const dataDir = tempDir('medallion-spark-none-')
  const core = testCore(dataDir)
  const noPython = { MEDALLION_PYTHON: join(dataDir, 'no-such-python'), SPARK_MASTER_URL: '' }

  beforeAll(async () => {
    await core.sources.generate({ clients: 20, seed: 3 }).done
  })

  it('fails before staging anything, naming what to install or start', async () => {
    const saved = { ...process.env }
    Object.assign(process.env, noPython)
    try {
      const run = core.pipeline.start({ from: 'bronze', engine: 'spark' })
      await expect(run.done).rejects.toThrow(
        /no Spark to run the pipeline on: PySpark is not installed here \(install it with `bash scripts\/setup-python\.sh`.*SPARK_MASTER_URL is not set.*medallion up --profile spark/,
      )
      expect(run.task.info.state).toBe('failed')
    } finally {
      process.env = saved
    }
    const [record] = await core.pipeline.runs(1)
    expect(record?.status).toBe('failed')
    expect(existsSync(join(dataDir, 'lake', 'gold', record?.runId ?? ''))).toBe(false)
  })

  it('makes the CLI exit 1 with the same message, and refuses an unknown engine as a usage error', async () => {
    const missing = await runCli(['run', '--engine', 'spark', '--data-dir', dataDir], noPython)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('scripts/setup-python.sh')
    const wrong = await runCli(['run', '--engine', 'flink', '--data-dir', dataDir])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('--engine must be polars or spark, got "flink"')
  })
})

describe.skipIf(!SPARK_AVAILABLE)(
  `Spark runs that fail or are cancelled on a cluster${SPARK_AVAILABLE ? '' : ` (${SPARK_SKIP_REASON})`}`,
  () => {
    const dataDir = tempDir('medallion-spark-failures-')
    const core = testCore(dataDir)
    const cluster = sparkClusterForFile()
    let good: RunRecord
    const goldDir = () => join(dataDir, 'lake', good.layers.gold as string)

    beforeAll(async () => {
      await core.sources.generate({ clients: 60, seed: 5, dirtyShare: 0.05 }).done
      good = await core.pipeline.start({ from: 'bronze' }).done
    }, 600_000)

    it('reports a job that fails on the cluster in the task log and the run record; the gold stays current', async () => {
      const before = digest(goldDir())
      // Corrupt the data pages of the committed silver purchases, footer intact: executors fail reading them.
      const achats = join(dataDir, 'lake', good.layers.silver as string, 'achats.parquet')
      copyFileSync(achats, `${achats}.bak`)
      const fd = openSync(achats, 'r+')
      writeSync(fd, Buffer.alloc(256, 0xff), 0, 256, 4)
      closeSync(fd)
      try {
        const run = core.pipeline.start({ from: 'gold', engine: 'spark' })
        await expect(run.done).rejects.toThrow(/stage failure|Parquet|decompress|Zstd/i)
        const logs = run.task.info.logs.join('\n')
        expect(logs).toMatch(/spark: .*(ERROR|WARN)/)
        expect(run.task.info.state).toBe('failed')
        const [failed] = await core.pipeline.runs(1)
        expect(failed?.status).toBe('failed')
        expect(failed?.error).toMatch(/stage failure|Parquet|decompress|Zstd/i)
        expect(existsSync(join(dataDir, 'lake', 'gold', failed?.runId ?? ''))).toBe(false)
      } finally {
        copyFileSync(`${achats}.bak`, achats)
      }
      expect((await core.lake.currentRun())?.runId).toBe(good.runId)
      expect(digest(goldDir())).toBe(before)
    }, 600_000)

    it('reports a bad input file with the same code and message as the Polars pipeline', async () => {
      const input = writeSources(join(dataDir, 'bad-input'), {
        clients: 'id_client,nom,date_inscription,pays\n1,Ann,2024-01-01,France\n',
        achats: 'id_achat,id_client,date_achat,montant,produit\n1,1,2025-01-01 10:00:00,10.5,Phone\n',
      })
      // One run at a time: a data folder has one writer.
      const polarsError = await core.pipeline.start({ from: 'bronze', inputDir: input }).done.catch((e) => e)
      const sparkError = await core.pipeline
        .start({ from: 'bronze', inputDir: input, engine: 'spark' })
        .done.catch((e) => e)
      expect(sparkError.code).toBe('missing_column')
      expect(sparkError.code).toBe(polarsError.code)
      expect(sparkError.message).toBe(polarsError.message)
    }, 600_000)

    it('cancel ends the application on the master and leaves nothing staged', async () => {
      const before = digest(goldDir())
      const run = core.pipeline.start({ from: 'bronze', engine: 'spark' })
      const app = await new Promise<string>((resolve) => {
        const onLog = ({ id, line }: { id: string; line: string }) => {
          const match = /spark: application (\S+) on/.exec(line)
          if (id === run.task.id && match) {
            core.tasks.off('log', onLog)
            resolve(match[1] as string)
          }
        }
        core.tasks.on('log', onLog)
      })
      expect(await cluster().activeApps()).toContain(app)
      run.task.cancel()
      await expect(run.done).rejects.toThrow(/cancel/)
      expect(run.task.info.state).toBe('cancelled')
      const deadline = Date.now() + 60_000
      while ((await cluster().activeApps()).includes(app) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 500))
      expect(await cluster().activeApps()).not.toContain(app)
      const [cancelled] = await core.pipeline.runs(1)
      expect(cancelled?.status).toBe('cancelled')
      for (const layer of ['bronze', 'silver', 'gold']) {
        expect(existsSync(join(dataDir, 'lake', layer, cancelled?.runId ?? ''))).toBe(false)
      }
      expect((await core.lake.currentRun())?.runId).toBe(good.runId)
      expect(digest(goldDir())).toBe(before)
    }, 600_000)
  },
)
