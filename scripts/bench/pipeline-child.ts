/**
 * One measured pipeline run, alone in its process so its peak RSS is its own: prints one JSON line with
 * the run record, the wall time, the time until the worker reported first, and the process's peak RSS.
 */
import { pipelineWorkerBundle } from '../../src-main/cli/worker-bundle.ts'
import { createCore } from '../../src-main/core/app-core.ts'

const [dataDir, inputDir] = process.argv.slice(2)
if (!dataDir || !inputDir) throw new Error('usage: pipeline-child <dataDir> <inputDir>')

const core = createCore({ dataDir, workerEntry: pipelineWorkerBundle() })
const started = performance.now()
let firstReport: number | undefined
core.tasks.on('changed', (info) => {
  if (firstReport === undefined && info.step) firstReport = performance.now() - started
})
const record = await core.pipeline.start({ from: 'bronze', inputDir }).done
const wallMs = performance.now() - started
console.log(
  JSON.stringify({
    record,
    wallMs,
    workerStartMs: firstReport ?? 0,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
)
