import type { PartialRun } from '../../pipelines/pipeline-error.ts'

/** An error meant for the user: a stable code and a message that names the file, row or field at fault. */
export class MedallionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** `cause`: the driver's or the system's error, kept for isTransientError (automation/transient-error.ts). */
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'MedallionError'
  }
}

/** A run that failed after writing some of its layers whole (a gate after silver): what it had done. */
export class RunFailedError extends MedallionError {
  constructor(
    code: string,
    message: string,
    readonly partial: PartialRun,
  ) {
    super(code, message)
    this.name = 'RunFailedError'
  }
}

export function errorCode(err: unknown): string {
  return err instanceof MedallionError ? err.code : 'internal'
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
