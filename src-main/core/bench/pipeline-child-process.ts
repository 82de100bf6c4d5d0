/**
 * Starts the pipeline benchmark's child (pipeline-child.ts) and follows it: its progress lines, its final
 * report, and a kill on cancel. The caller names the child script: the source file (run through tsx) from
 * the CLI and the tests, the built copy inside Electron (run as plain Node).
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { MedallionError } from '../errors.ts'
import { CancelledError } from '../tasks.ts'
import type { PipelineChildReport } from './pipeline-child-report.ts'

/** Lines of the child's stderr kept to explain a failure. */
const STDERR_LINES = 20

export interface PipelineChildArgs {
  dataDir: string
  inputDir: string
  workerEntry: string
  /** pipeline-child.ts (through tsx) or its built copy; none in a build that did not ship it. */
  childScript?: string
  engine: 'polars' | 'spark'
  signal: AbortSignal
  onProgress(fraction: number, step: string): void
}

function childCommand(childScript: string | undefined): { args: string[]; env: NodeJS.ProcessEnv } {
  if (!childScript) {
    throw new MedallionError(
      'unavailable',
      'this build has no pipeline benchmark child: run `medallion bench --kind pipeline` from a terminal in the source tree',
    )
  }
  if (childScript.endsWith('.ts')) return { args: ['--import', 'tsx', childScript], env: process.env }
  return { args: [childScript], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } }
}

export function runPipelineChild(options: PipelineChildArgs): Promise<PipelineChildReport> {
  options.signal.throwIfAborted()
  const { args, env } = childCommand(options.childScript)
  const child = spawn(
    process.execPath,
    [...args, options.dataDir, options.inputDir, options.workerEntry, options.engine],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
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
  const kill = () => child.kill('SIGKILL')
  options.signal.addEventListener('abort', kill, { once: true })
  return new Promise<PipelineChildReport>((resolve, reject) => {
    child.on('error', (err) =>
      reject(new MedallionError('bench_failed', `the benchmark child could not start: ${err.message}`)),
    )
    child.on('close', (code, signal) => {
      options.signal.removeEventListener('abort', kill)
      if (options.signal.aborted) reject(new CancelledError())
      else if (code === 0 && report) resolve(report)
      else {
        const why = signal ? `was killed (${signal})` : `exited with code ${code}`
        reject(
          new MedallionError(
            'bench_failed',
            `the benchmark run ${why}${stderr.length ? `: ${stderr.join('\n')}` : ''}; check free memory and disk for this scale, then run it again`,
          ),
        )
      }
    })
  })
}
