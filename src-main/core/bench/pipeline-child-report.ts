/** What the pipeline benchmark's child process reports at the end of its run. */
import type { RunRecord } from '../../../src-preload/contract.ts'

export interface PipelineChildReport {
  record: RunRecord
  wallMs: number
  workerStartMs: number
  maxRssKb: number
}
