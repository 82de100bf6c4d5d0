/**
 * One measured pipeline run, alone in its process so its peak RSS is its own. Prints JSON lines on
 * stdout: `{"progress": 0..1, "step": "…"}` while the run goes, then `{"result": {…}}` with the run
 * record, the wall time, the time until the worker first reported, and the peak RSS of this process with
 * its children (a big run's worker is a process of its own).
 * Usage: pipeline-child <dataDir> <inputDir> polars|spark <AppPaths as JSON>
 * With Spark the peak RSS is this process's only (the JVM is another process); the wall time is whole.
 */
import { createCore } from '../app-core.ts'
import type { AppPaths } from '../app-paths.ts'
import type { PipelineChildReport } from './pipeline-child-report.ts'
import { sampleTreePeak } from './tree-rss.ts'

const [dataDir, inputDir, engine, pathsJson] = process.argv.slice(2)
if (!dataDir || !inputDir || !pathsJson || (engine !== 'polars' && engine !== 'spark')) {
  throw new Error('usage: pipeline-child <dataDir> <inputDir> polars|spark <AppPaths as JSON>')
}

const core = createCore({ dataDir, paths: JSON.parse(pathsJson) as AppPaths })
const memory = sampleTreePeak(process.pid)
const started = performance.now()
let firstReport: number | undefined
core.tasks.on('changed', (info) => {
  if (info.kind !== 'pipeline') return
  if (firstReport === undefined && info.step) firstReport = performance.now() - started
  console.log(JSON.stringify({ progress: info.progress, step: info.step }))
})
const record = await core.pipeline.start({ from: 'bronze', inputDir, engine }).done
const wallMs = performance.now() - started
const report: PipelineChildReport = {
  record,
  wallMs,
  workerStartMs: firstReport ?? 0,
  maxRssKb: Math.max(memory.stop(), process.resourceUsage().maxRSS),
}
console.log(JSON.stringify({ result: report }))
await core.close()
