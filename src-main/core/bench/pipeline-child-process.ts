/**
 * Starts the pipeline benchmark's child (pipeline-child.ts, built as out/cli/bench-child.mjs) and follows
 * it: its progress lines, its final report, and a kill on cancel.
 */
import { createInterface } from 'node:readline'
import type { AppPaths } from '../app-paths.ts'
import { type LaunchNodeChild, spawnNodeChild } from '../child-process.ts'
import { MedallionError } from '../errors.ts'
import { CancelledError } from '../tasks.ts'
import type { PipelineChildReport } from './pipeline-child-report.ts'

/** Lines of the child's stderr kept to explain a failure. */
const STDERR_LINES = 20

export interface PipelineChildArgs {
  dataDir: string
  inputDir: string
  /** The child's script and the files its core uses; handed to the child as JSON. */
  paths: AppPaths
  launchChild?: LaunchNodeChild
  engine: 'polars' | 'spark'
  signal: AbortSignal
  onProgress(fraction: number, step: string): void
}

export async function runPipelineChild(options: PipelineChildArgs): Promise<PipelineChildReport> {
  options.signal.throwIfAborted()
  const launch = options.launchChild ?? spawnNodeChild
  let child: ReturnType<LaunchNodeChild>
  try {
    child = launch(options.paths.benchChild, [
      options.dataDir,
      options.inputDir,
      options.engine,
      JSON.stringify(options.paths),
    ])
  } catch (err) {
    throw new MedallionError('bench_failed', `the benchmark child could not start: ${(err as Error).message}`)
  }
  const stderr: string[] = []
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr.push(line)
    if (stderr.length > STDERR_LINES) stderr.shift()
  })
  let report: PipelineChildReport | undefined
  createInterface({ input: child.stdout }).on('line', (line) => {
    let message: { progress?: number; step?: string; result?: PipelineChildReport }
    try {
      message = JSON.parse(line)
    } catch {
      return // a stray line (a warning printed by a library) is not part of the protocol
    }
    if (message.result) report = message.result
    else if (typeof message.progress === 'number') options.onProgress(message.progress, message.step ?? '')
  })
  // Cancel kills the whole child: its pipeline worker thread goes with it.
  const kill = () => child.kill()
  options.signal.addEventListener('abort', kill, { once: true })
  let exit: { code: number | null; signal: string | null }
  try {
    exit = await child.exited
  } catch (err) {
    throw new MedallionError('bench_failed', `the benchmark child could not start: ${(err as Error).message}`)
  } finally {
    options.signal.removeEventListener('abort', kill)
  }
  if (options.signal.aborted) throw new CancelledError()
  if (exit.code === 0 && report) return report
  const why = exit.signal ? `was killed (${exit.signal})` : `exited with code ${exit.code}`
  throw new MedallionError(
    'bench_failed',
    `the benchmark run ${why}${stderr.length ? `: ${stderr.join('\n')}` : ''}; check free memory and disk for this scale, then run it again`,
  )
}
