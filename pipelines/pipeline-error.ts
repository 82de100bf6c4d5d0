/**
 * An error in the data (not in the code): its message names the file and the column or row at fault.
 * Lives in `pipelines/` because the worker has no access to the core's error types.
 */
export class PipelineInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'PipelineInputError'
  }
}
