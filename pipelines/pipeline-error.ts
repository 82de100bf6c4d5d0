/**
 * An error in the data (not in the code): its message names the file and the column or row at fault.
 * Lives in `pipelines/` because the worker has no access to the core's error types.
 */
import type { LayerResult } from './run-layers.ts'

/** What a run had done when it failed (a gate after silver): its record keeps it, with its folders. */
export type PartialRun = Pick<LayerResult, 'tables' | 'quality' | 'dialect' | 'files'>

export class PipelineInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Set when the layers before the failure were written whole: they are kept for inspection. */
    readonly partial?: PartialRun,
  ) {
    super(message)
    this.name = 'PipelineInputError'
  }
}
