/** File system errors as the core's errors: the message of pipelines/system-error.ts, with a stable code. */
import { type FileAction, systemErrorMessage } from '../../pipelines/system-error.ts'
import { MedallionError } from './errors.ts'

export { linkTarget, systemErrorCode, systemErrorMessage } from '../../pipelines/system-error.ts'
export type { FileAction }

/** The error of writing `path`, as a MedallionError naming the path and the way out. */
export function writeFailure(err: unknown, path: string): MedallionError {
  return err instanceof MedallionError
    ? err
    : new MedallionError('write_failed', systemErrorMessage(err, path, 'write'))
}

/** The error of reading `path`, as a MedallionError naming the path and the way out. */
export function readFailure(err: unknown, path: string): MedallionError {
  return err instanceof MedallionError
    ? err
    : new MedallionError('read_failed', systemErrorMessage(err, path, 'read'))
}
