/**
 * Runs a job on the stack's Spark (compose profile `spark`): spark-submit runs inside the spark-master
 * container, so the driver and the executors share the stack's network with MinIO (`minio:9000`) and the
 * S3A jars and job files mounted there (compose/docker-compose.yml). The plan reaches the container on
 * the exec's stdin, never on a command line. Cancel terminates the driver's JVM in the container, which
 * ends the application on the master.
 */
import type { LayerPlan, LayerResult } from '../../../pipelines/run-layers.ts'
import type { Layer } from '../../../src-preload/contract.ts'
import { MedallionError } from '../errors.ts'
import { findEngine } from '../stack/engine.ts'
import { CancelledError } from '../tasks.ts'
import { execInContainer } from './container-exec.ts'
import { type JobS3, sparkJobPlan } from './job-plan.ts'
import type { JobSession } from './job-session.ts'
import type { SparkTarget } from './spark-target.ts'
import { stageSources } from './stage-sources.ts'

/** Paths and names inside the stack (compose/docker-compose.yml). */
export const STACK_PATHS = {
  sparkSubmit: '/opt/spark/bin/spark-submit',
  jobDir: '/opt/medallion/pipelines/spark',
  jarsDir: '/opt/medallion/jars',
  minioEndpoint: 'http://minio:9000',
  driverHost: 'spark-master',
} as const

const STOP_GRACE_MS = 10_000

export interface StackRun {
  target: Extract<SparkTarget, { kind: 'stack' }>
  plan: LayerPlan
  where: { out: Partial<Record<Layer, string>>; reuse: Partial<Record<Layer, string>> }
  /** The lake's S3 settings as reached from this machine (the job gets MinIO's in-network address). */
  s3: JobS3
  options: { shufflePartitions: number }
  session: JobSession
  signal: AbortSignal
  env: Record<string, string | undefined>
}

function submitCommand(run: StackRun, planPath: string, pidPath: string): string[] {
  const { jobDir, jarsDir, sparkSubmit, driverHost } = STACK_PATHS
  const args = [
    sparkSubmit,
    '--master',
    run.target.master,
    '--name',
    `medallion ${run.plan.runId}`,
    '--driver-java-options',
    `-Dlog4j2.configurationFile=file:${jobDir}/log4j2.properties`,
    '--conf',
    `spark.driver.host=${driverHost}`,
    '--conf',
    'spark.driver.bindAddress=0.0.0.0',
    '--conf',
    `spark.driver.extraClassPath=${jarsDir}/*`,
    '--conf',
    `spark.executor.extraClassPath=${jarsDir}/*`,
    `${jobDir}/job.py`,
    planPath,
  ]
  // `exec` keeps the shell's pid for the JVM, so the pid file names the driver.
  const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ')
  return ['sh', '-c', `echo $$ > ${pidPath} && exec ${quoted}`]
}

export async function runInStackMaster(run: StackRun): Promise<LayerResult> {
  const { plan, signal, session } = run
  if (signal.aborted) throw new CancelledError()
  const engine = await findEngine({ env: run.env })
  const container = engine.docker.getContainer(run.target.container)
  const running = await container.inspect().then(
    (info) => info.State.Running,
    () => false,
  )
  if (!running) {
    throw new MedallionError(
      'spark_unavailable',
      `the stack's Spark master (${run.target.container}) is not running: start it with \`medallion up --profile spark\``,
    )
  }
  const staged = plan.sources ? await stageSources(run.s3, plan.runId, plan.sources) : undefined
  const base = `/tmp/medallion-${plan.runId}`
  const jobPlan = sparkJobPlan(
    plan,
    { ...run.where, sources: staged?.uris },
    { ...run.options, s3: { ...run.s3, endpoint: STACK_PATHS.minioEndpoint } },
  )
  let cancelled = false
  const onAbort = () => {
    cancelled = true
    const kill = (sig: string) =>
      execInContainer(container, ['sh', '-c', `kill -${sig} "$(cat ${base}.pid)" 2>/dev/null`]).catch(
        () => -1,
      )
    void kill('TERM')
    setTimeout(() => void kill('KILL'), STOP_GRACE_MS).unref()
  }
  try {
    await execInContainer(container, ['sh', '-c', `umask 077 && cat > ${base}.json`], {
      stdin: JSON.stringify(jobPlan),
    })
    signal.addEventListener('abort', onAbort, { once: true })
    const code = await execInContainer(container, submitCommand(run, `${base}.json`, `${base}.pid`), {
      env: ['PYSPARK_PYTHON=python3'],
      onLine: (line) => session.line(line),
    })
    if (cancelled) throw new CancelledError()
    return session.settle(code, null)
  } finally {
    signal.removeEventListener('abort', onAbort)
    await execInContainer(container, ['rm', '-f', `${base}.json`, `${base}.pid`]).catch(() => -1)
    await staged?.remove()
  }
}
