/**
 * A process that starts a run whose worker is a process of its own, for the test that kills it: prints
 * `running <worker pid>` once the worker has started, then waits to be killed.
 * Usage: node --import tsx plan-process-child.ts <data dir> <input dir>
 */
import { execFileSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { SOURCE_PATHS } from '../../scripts/source-paths.ts'
import { createCore } from '../../src-main/core/app-core.ts'

const [dataDir = '', inputDir = ''] = process.argv.slice(2)
const core = createCore({ dataDir, paths: SOURCE_PATHS, ownProcessFromBytes: 0 })
core.pipeline.start({ from: 'bronze', inputDir }).done.catch(() => {})
for (;;) {
  try {
    const pid = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'pipeline-worker'], {
      encoding: 'utf8',
    })
    process.stdout.write(`running ${pid.trim().split('\n')[0]}\n`)
    break
  } catch {
    await sleep(10)
  }
}
await sleep(600_000)
