/**
 * A real standalone Spark cluster for integration tests: a master and one worker started on loopback from
 * PySpark's own launcher (`spark-class …Master` / `…Worker`), on free ports, with their work folders in a
 * temporary folder. PySpark comes from the venv scripts/setup-python.sh creates, Java from the PATH. Under
 * CI a missing PySpark or Java fails the tests; elsewhere they skip and say why.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import pl from 'nodejs-polars'
import { afterAll, beforeAll } from 'vitest'
import {
  findPySpark,
  INSTALL_JAVA_HINT,
  installPySparkHint,
  javaAvailable,
  type PySparkInstall,
} from '../../src-main/core/spark/pyspark-install.ts'
import { floatsClose } from './compare-frames.ts'
import { freePort } from './ferretdb.ts'

export const PYSPARK: PySparkInstall | undefined = await findPySpark(process.env)
const JAVA = javaAvailable(process.env)

export const SPARK_SKIP_REASON = !PYSPARK
  ? `no PySpark: ${installPySparkHint(false)}`
  : !JAVA
    ? INSTALL_JAVA_HINT
    : ''
export const SPARK_AVAILABLE = SPARK_SKIP_REASON === ''

if (!SPARK_AVAILABLE && process.env.CI) throw new Error(`Spark tests cannot run: ${SPARK_SKIP_REASON}`)

export interface RunningSpark {
  /** spark://127.0.0.1:<port> */
  masterUrl: string
  /** The master's web UI, whose /json/ lists workers and applications. */
  webUi: string
  /** Ids of the applications the master is running now. */
  activeApps(): Promise<string[]>
  stop(): Promise<void>
}

/** Worker and master start slowly on a busy two-core machine (JVM start, then registration). */
const START_TIMEOUT_MS = 180_000

interface MasterState {
  workers: { state: string }[]
  activeapps: { id: string }[]
}

async function masterState(webUi: string): Promise<MasterState | undefined> {
  try {
    const response = await fetch(`${webUi}/json/`)
    return response.ok ? ((await response.json()) as MasterState) : undefined
  } catch {
    return undefined
  }
}

function launch(
  install: PySparkInstall,
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; log: () => string } {
  const child = spawn(join(install.sparkHome, 'bin', 'spark-class'), args, {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let log = ''
  child.stderr?.on('data', (d) => {
    // Keep the tail only: enough to say why a daemon died.
    log = (log + d).slice(-4000)
  })
  return { child, log: () => log }
}

async function stopDaemon(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
}

export async function startSparkCluster(
  options: { cores?: number; memory?: string } = {},
): Promise<RunningSpark> {
  if (!PYSPARK) throw new Error(SPARK_SKIP_REASON)
  const dir = mkdtempSync(join(tmpdir(), 'medallion-spark-cluster-'))
  const [port, uiPort, workerPort, workerUiPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ]
  const masterUrl = `spark://127.0.0.1:${port}`
  const webUi = `http://127.0.0.1:${uiPort}`
  const env = {
    ...process.env,
    SPARK_HOME: PYSPARK.sparkHome,
    SPARK_LOCAL_IP: '127.0.0.1',
    SPARK_WORKER_DIR: join(dir, 'work'),
    SPARK_LOCAL_DIRS: join(dir, 'local'),
    SPARK_LOG_DIR: dir,
    PYSPARK_PYTHON: PYSPARK.python,
  }
  const master = launch(
    PYSPARK,
    [
      'org.apache.spark.deploy.master.Master',
      '--host',
      '127.0.0.1',
      '--port',
      `${port}`,
      '--webui-port',
      `${uiPort}`,
    ],
    env,
  )
  const worker = launch(
    PYSPARK,
    [
      'org.apache.spark.deploy.worker.Worker',
      ...['--host', '127.0.0.1', '--port', `${workerPort}`, '--webui-port', `${workerUiPort}`],
      ...['--cores', `${options.cores ?? 2}`, '--memory', options.memory ?? '2g'],
      masterUrl,
    ],
    env,
  )
  const stop = async () => {
    await stopDaemon(worker.child)
    await stopDaemon(master.child)
    rmSync(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + START_TIMEOUT_MS
  for (;;) {
    const state = await masterState(webUi)
    if (state?.workers.some((w) => w.state === 'ALIVE')) break
    const dead = [master, worker].find((d) => d.child.exitCode !== null)
    if (dead || Date.now() > deadline) {
      await stop()
      throw new Error(
        `the Spark cluster did not start (${dead ? 'a daemon exited' : 'timeout'}): ${dead?.log() ?? master.log()}`,
      )
    }
    await delay(500)
  }
  return {
    masterUrl,
    webUi,
    activeApps: async () => ((await masterState(webUi))?.activeapps ?? []).map((app) => app.id),
    stop,
  }
}

/**
 * One cluster for the calling test file: started before its tests (call at describe level, before the
 * hooks that run pipelines), with the Spark runner pointed at it and few shuffle partitions; stopped after.
 */
export function sparkClusterForFile(): () => RunningSpark {
  let cluster: RunningSpark | undefined
  beforeAll(async () => {
    cluster = await startSparkCluster()
    process.env.SPARK_MASTER_URL = cluster.masterUrl
    process.env.MEDALLION_SPARK_PARTITIONS = '2'
  }, START_TIMEOUT_MS)
  afterAll(async () => {
    delete process.env.SPARK_MASTER_URL
    delete process.env.MEDALLION_SPARK_PARTITIONS
    await cluster?.stop()
  })
  return () => {
    if (!cluster) throw new Error('the Spark cluster has not started')
    return cluster
  }
}

/** A column's type as compared across engines: Spark writes no Arrow dictionary, so Categorical is String. */
function typeName(frame: pl.DataFrame, column: string): string {
  const name = String(frame.getColumn(column).dtype)
  return name.includes('Categorical') ? 'DataType(String)' : name
}

/** Timestamps as microseconds and categories as text, so cells compare exactly. */
function comparable(frame: pl.DataFrame, columns: string[]): Record<string, unknown>[] {
  return frame
    .select(
      ...columns.map((c) => {
        const name = typeName(frame, c)
        if (name.includes('Datetime')) return pl.col(c).cast(pl.Int64).alias(c)
        return name === 'DataType(String)' ? pl.col(c).cast(pl.Utf8).alias(c) : pl.col(c)
      }),
    )
    .toRecords()
}

/**
 * What differs between a table Spark wrote and the same table Polars wrote: columns and types, row count,
 * then cell by cell in order — integers, text and timestamps (to the microsecond) exactly, floats to 1e-9
 * relative. `ignore` names columns that legitimately differ (a run's batch id, its ingestion time).
 */
export function engineTableProblems(
  spark: pl.DataFrame,
  polars: pl.DataFrame,
  ignore: string[] = [],
): string[] {
  const schema = (frame: pl.DataFrame) => frame.columns.map((c) => `${c}:${typeName(frame, c)}`).join(', ')
  if (schema(spark) !== schema(polars))
    return [`schema: spark [${schema(spark)}], polars [${schema(polars)}]`]
  if (spark.height !== polars.height) return [`rows: spark ${spark.height}, polars ${polars.height}`]
  const columns = polars.columns.filter((c) => !ignore.includes(c))
  const [left, right] = [comparable(spark, columns), comparable(polars, columns)]
  const floats = new Set(columns.filter((c) => typeName(polars, c).includes('Float')))
  const problems: string[] = []
  for (let row = 0; row < left.length && problems.length < 10; row++) {
    for (const column of columns) {
      const a = left[row]?.[column] ?? null
      const b = right[row]?.[column] ?? null
      const same =
        floats.has(column) && typeof a === 'number' && typeof b === 'number'
          ? floatsClose(a, b)
          : String(a) === String(b)
      if (!same)
        problems.push(`row ${row} ${column}: spark ${JSON.stringify(a)}, polars ${JSON.stringify(b)}`)
    }
  }
  return problems
}
